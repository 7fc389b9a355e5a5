"""Speed and size figures for the built site: `bash scripts/benchmark.sh [options]`.

The benchmark lives in scripts/bench/, one module per measurement (scripts/bench/main.py says
which); this file only starts it, so `python scripts/benchmark.py` keeps working.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.bench.main import main  # noqa: E402 (needs the repository root on the path)

if __name__ == "__main__":
    sys.exit(main())
