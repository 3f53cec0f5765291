"""The one exception type that means "the user gave us something wrong"; the CLI prints it as one line."""


class UserError(Exception):
    """Bad input from the user (a file, a field, an option). ``str(err)`` is one line that says
    where and what was expected; the CLI prints it without a traceback and exits with code 2."""
