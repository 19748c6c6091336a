"""The one Jinja environment for clause texts: sandboxed, StrictUndefined.

Answers reach a template through read-only views. A missing answer is a
``Missing`` value: false in a condition, empty in a loop, and printed as a
marker that the draft turns into a highlighted placeholder. Printed values
carry markers naming the answers they came from (provenance).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import formatting
from .cache import cache_dir, digest

# Marker syntax inside rendered clause text; control characters never occur
# in answers (rejected on input), so they cannot be forged by a user.
OPEN, CLOSE = "\x01", "\x02"
PLACEHOLDER, REFERENCE, SOURCES, END = "P", "R", "A", "E"


def marker(kind: str, payload: str) -> str:
    """A marker of one kind embedded in rendered text."""
    return f"{OPEN}{kind}{payload}{CLOSE}"


@dataclass
class Runtime:
    """Per-render state: language, answers and the record of answers read."""

    language: str
    parties: dict[str, str]
    raw: bool = False
    pending: set[str] = field(default_factory=set)

    def read(self, path: str) -> None:
        """Note that the template read the answer at ``path``."""
        self.pending.add(path)

    def flush(self) -> str:
        """A marker naming the answers read since the last output."""
        paths = ";".join(sorted(self.pending))
        self.pending.clear()
        return marker(SOURCES, paths)


class Missing:
    """An answer that was not given."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __str__(self) -> str:
        return marker(PLACEHOLDER, self.path)

    def __repr__(self) -> str:
        return f"Missing({self.path!r})"


class View:
    """Read-only access to one answers section; unknown names are errors."""

    __slots__ = ("_data", "_path", "_rt")

    def __init__(self, data: dict[str, Any], path: str, rt: Runtime) -> None:
        self._data = data
        self._path = path
        self._rt = rt

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self._data:
            raise AttributeError(name)
        path = f"{self._path}.{name}" if self._path else name
        return wrap(self._data[name], path, self._rt)

    def __getitem__(self, name: str) -> Any:
        return self.__getattr__(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, View) and other._data == self._data

    def __hash__(self) -> int:
        return hash(self._path)

    def __repr__(self) -> str:
        return f"View({self._path!r})"


def wrap(value: Any, path: str, rt: Runtime) -> Any:
    """The template-side value of the answer at ``path``."""
    if isinstance(value, dict):
        return View(value, path, rt)
    if isinstance(value, list):
        if not value and not rt.raw:
            rt.read(path)
            return Missing(path)
        return tuple(wrap(item, f"{path}[{i}]", rt) for i, item in enumerate(value))
    rt.read(path)
    if value is None and not rt.raw:
        return Missing(path)
    return value


def _passing_missing(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that returns a missing answer unchanged (so it prints a placeholder)."""

    @jinja2.pass_context
    def filter_(ctx: jinja2.runtime.Context, value: Any, *args: Any) -> Any:
        if isinstance(value, Missing) or value is None:
            return value
        return func(ctx["bbm"], value, *args)

    filter_.__name__ = func.__name__
    return filter_


def _party(rt: Runtime, value: Any) -> str:
    if isinstance(value, View):
        return str(value._data.get("label", ""))
    return rt.parties.get(str(value), str(value))


def _parties(rt: Runtime, values: Any) -> str:
    return formatting.join_and([_party(rt, v) for v in values], rt.language)


def _join_and(rt: Runtime, values: Any) -> str:
    return formatting.join_and([str(v) for v in values], rt.language)


def _number_unit(unit: str) -> Callable[[Runtime, Any], str]:
    def format_(rt: Runtime, value: Any) -> str:
        return formatting.quantity(int(value), unit, rt.language)

    format_.__name__ = unit
    return format_


FILTERS: dict[str, Callable[..., Any]] = {
    "party": _party,
    "parties": _parties,
    "join_and": _join_and,
    "date": lambda rt, v: formatting.long_date(v, rt.language),
    "money": lambda rt, v: formatting.money(Decimal(v), rt.language),
    "money_words": lambda rt, v: f"{formatting.money(Decimal(v), rt.language)} ({_in_words(Decimal(v), rt.language)})",
    "pct": lambda rt, v: formatting.percent(Decimal(v), rt.language),
    "days": _number_unit("day"),
    "months": _number_unit("month"),
    "years": _number_unit("year"),
    "freq": lambda rt, v: formatting.frequency(str(v), rt.language),
    "freq_noun": lambda rt, v: formatting.frequency_noun(str(v), rt.language),
    "form_name": lambda rt, v: formatting.legal_form_name(str(v), rt.language),
}


def _in_words(value: Decimal, lang: str) -> str:
    from .finance import amount_in_words  # num2words loads only when a clause asks for words

    return amount_in_words(value, lang)


@jinja2.pass_context
def _finalize(ctx: jinja2.runtime.Context, value: Any) -> Any:
    rt = ctx.get("bbm")
    if not isinstance(rt, Runtime):
        return value
    if isinstance(value, dt.date):
        value = formatting.long_date(value, rt.language)
    elif isinstance(value, Decimal):
        value = formatting.number(value, rt.language)
    # printed values are framed: their text is kept exactly as typed
    return rt.flush() + str(value) + marker(END, "")


def _ref(target: str, sub: int | None = None) -> str:
    return marker(REFERENCE, f"{target}|{sub or ''}")


def _placeholder(path: str) -> Missing:
    return Missing(str(path))


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, also closed to the engine's own runtime object."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, Runtime):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def getattr(self, obj: Any, attribute: str) -> Any:
        # answers views expose data only (no callables, no underscore names),
        # so they skip the generic sandbox checks: the hot path of rendering
        if type(obj) is View:
            try:
                return obj.__getattr__(attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


_SOURCES: dict[str, str] = {}


def _load_source(name: str) -> tuple[str, None, Callable[[], bool]]:
    return _SOURCES[name], None, lambda: True


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    """The sandboxed environment every clause text renders in."""
    folder = cache_dir()
    bytecode = jinja2.FileSystemBytecodeCache(str(folder)) if folder else None
    env = _Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        finalize=_finalize,
        loader=jinja2.FunctionLoader(_load_source),
        bytecode_cache=bytecode,
        cache_size=4096,
        auto_reload=False,
    )
    env.filters.update({name: _passing_missing(f) for name, f in FILTERS.items()})
    env.globals.update(ref=_ref, placeholder=_placeholder)
    return env


def compile_text(source: str) -> jinja2.Template:
    """A compiled clause text, cached in memory and as bytecode on disk."""
    name = digest(source)
    _SOURCES.setdefault(name, source)
    return environment().get_template(name)


@lru_cache(maxsize=2048)
def compile_condition(source: str) -> Callable[..., bool]:
    """A compiled condition (``applies.when``, ``settled_when``, ...): true or
    false over the answers. Compiled as a template so its bytecode is cached
    on disk like the clause texts."""
    template = compile_text("{% if " + source + " %}1{% endif %}")

    def evaluate(**names: Any) -> bool:
        return template.render(names) == "1"

    return evaluate


ROOT_NAMES = (
    "parties", "partnership", "activities", "finance", "governance", "risk", "term",
    "legal", "tensions", "signing", "model", "language", "title", "computed_key",
)


def context(data: dict[str, Any], rt: Runtime) -> dict[str, Any]:
    """The names a clause text sees, built from dumped answers."""
    names: dict[str, Any] = {name: wrap(data.get(name), name, rt) for name in ROOT_NAMES}
    parties = data.get("parties", [])
    names["founders"] = _subset(parties, lambda p: p.get("founder", True), rt)
    names["social_partners"] = _subset(parties, lambda p: p.get("economy") == "social", rt)
    names["regular_partners"] = _subset(parties, lambda p: p.get("economy") == "regular", rt)
    names["bbm"] = rt
    rt.pending.clear()
    return names


def _subset(parties: list[dict[str, Any]], keep: Callable[[dict[str, Any]], bool], rt: Runtime) -> Any:
    chosen = tuple(View(p, f"parties[{i}]", rt) for i, p in enumerate(parties) if keep(p))
    if not chosen and not rt.raw:
        return Missing("parties.economy")
    return chosen
