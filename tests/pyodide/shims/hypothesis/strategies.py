"""Every strategy is the same inert placeholder: enough for test modules to import."""


class _Strategy:
    def __getattr__(self, name):
        return lambda *args, **kwargs: self

    def __call__(self, *args, **kwargs):
        return self

    def __or__(self, other):
        return self

    __ror__ = __or__


_PLACEHOLDER = _Strategy()


def __getattr__(name):
    return lambda *args, **kwargs: _PLACEHOLDER


SearchStrategy = _Strategy
