"""The few pieces of pytest the unit tests use, for running them inside Pyodide (no pytest there).

`raises` works as in pytest; `mark.parametrize` records its cases for the runner to expand;
any other mark is accepted and ignored.
"""

import re


class _Caught:
    value = None
    type = None


class _Raises:
    def __init__(self, expected, match=None):
        self.expected, self.match, self.caught = expected, match, _Caught()

    def __enter__(self):
        return self.caught

    def __exit__(self, kind, value, traceback):
        if kind is None:
            raise AssertionError(f"DID NOT RAISE {self.expected}")
        if not issubclass(kind, self.expected):
            return False
        if self.match is not None and not re.search(self.match, str(value)):
            raise AssertionError(f"{value!r} does not match {self.match!r}")
        self.caught.value, self.caught.type = value, kind
        return True


def raises(expected, *, match=None):
    return _Raises(expected, match)


class _Mark:
    def parametrize(self, names, values, ids=None):
        names = [name.strip() for name in names.split(",")] if isinstance(names, str) else list(names)

        def decorate(function):
            cases = [dict(zip(names, value if len(names) > 1 else (value,))) for value in values]
            function.__dict__.setdefault("_parametrize", []).append(cases)
            return function

        return decorate

    def __getattr__(self, name):
        def mark(*args, **kwargs):
            if len(args) == 1 and callable(args[0]) and not kwargs:
                return args[0]
            return lambda function: function

        return mark


mark = _Mark()


def fixture(*args, **kwargs):
    if len(args) == 1 and callable(args[0]):
        return args[0]
    return lambda function: function


class _Skip(Exception):
    pass


def skip(reason=""):
    raise _Skip(reason)
