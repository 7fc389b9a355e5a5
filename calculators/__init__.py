"""Calculators for negotiating overdue loan repayment.

Pure functions over small frozen dataclasses, stdlib only, so the same code runs in
CPython and in Pyodide in the browser. Nothing here does I/O.
"""

__version__ = "0.1.0"
