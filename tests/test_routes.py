"""The plain route: one chapter executes with `jupyter nbconvert` in the pinned environment."""
import subprocess
import sys
from pathlib import Path

from factcheck import PROJECT_ROOT


def test_a_chapter_executes_with_nbconvert(tmp_path):
    jupyter = Path(sys.executable).parent / "jupyter"
    result = subprocess.run(
        [str(jupyter), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(tmp_path),
         str(PROJECT_ROOT / "notebooks" / "03_s1_party_leadership.ipynb")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "03_s1_party_leadership.ipynb").stat().st_size > 10_000
