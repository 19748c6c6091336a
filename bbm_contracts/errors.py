"""One exception tree. Exceptions format their own message and never print;
the CLI maps them to exit codes in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BbmError(Exception):
    """Base of every error the engine reports to a user."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field of an input file."""

    path: str
    message: str
    line: int | None = None

    def format(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        field = self.path or "(top level)"
        return f"{where}{field}: {self.message}"


class AnswersError(BbmError):
    """The answers file cannot be used: every problem is listed."""

    def __init__(self, source: str | Path, problems: list[FieldProblem]) -> None:
        self.source = str(source)
        self.problems = problems
        count = len(problems)
        head = f"{self.source}: {count} problem{'s' if count != 1 else ''} in the answers"
        body = "\n".join(f"  {p.format()}" for p in problems)
        super().__init__(f"{head}\n{body}")


class InputFileError(BbmError):
    """A file given on the command line cannot be read or parsed."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        super().__init__(f"{self.source}: {reason}")


class LibraryError(BbmError):
    """A clause library file is invalid."""

    def __init__(self, source: str | Path, problems: list[FieldProblem]) -> None:
        self.source = str(source)
        self.problems = problems
        body = "\n".join(f"  {p.format()}" for p in problems)
        super().__init__(f"clause library: {self.source}\n{body}")


class ClauseRenderError(BbmError):
    """A clause template failed to render."""

    def __init__(self, clause_id: str, source: str, reason: str) -> None:
        self.clause_id = clause_id
        super().__init__(f"clause {clause_id!r} ({source}): {reason}")


class TemplateError(BbmError):
    """A Word template is unusable."""

    def __init__(self, source: str | Path, problems: list[str]) -> None:
        self.source = str(source)
        self.problems = problems
        body = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"Word template {self.source} cannot be used:\n{body}")


class OutputExistsError(BbmError):
    """Refusing to overwrite a file the user did not ask to replace."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(f"{path} already exists; use --force to replace it")


class ConversionError(BbmError):
    """PDF conversion through LibreOffice failed or is unavailable."""

    exit_code = 3
