"""Small articles cut from the bundled seed, for tests that need several real articles."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "trump-nato-wende.txt"


def cut_seed(folder: Path, articles: int = 4) -> list[str]:
    """Write ``articles`` small articles into ``folder`` (every n-th paragraph of the seed,
    each with its own date and title) and return their paths."""
    body = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(articles):
        text = "\n\n".join(paragraphs[number::articles])
        path = folder / f"{number}.txt"
        path.write_text(
            f"date 2024-01-{number + 1:02} Artikel {number}\n\n{text}", encoding="utf-8"
        )
        paths.append(str(path))
    return paths
