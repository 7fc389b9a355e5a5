"""A stand-in for hypothesis inside Pyodide: property tests import fine and are reported as skipped.

The real property tests run under CPython with the real hypothesis; here only the plain unit
tests run, to show the package behaves the same in the browser's Python.
"""

from . import strategies


def given(*args, **kwargs):
    def decorate(function):
        function._skip_reason = "hypothesis property test (runs under CPython)"
        return function

    return decorate


class settings:
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, function):
        return function

    @staticmethod
    def register_profile(*args, **kwargs):
        pass

    @staticmethod
    def load_profile(*args, **kwargs):
        pass


class HealthCheck:
    too_slow = filter_too_much = data_too_large = function_scoped_fixture = None


def assume(condition):
    return True


def example(*args, **kwargs):
    return lambda function: function


def note(*args, **kwargs):
    pass
