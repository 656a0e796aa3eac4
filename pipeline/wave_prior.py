"""What a wave needs from the waves before it: their signature files, read once their spools are written.

Near-duplicates are decided in time order across the whole run (transforms/dedup_near.py), so wave k's
candidate step reads the signature files of waves 0..k-1. Run one after another, those waves are done
before wave k starts. Run side by side (pipeline/wave_slots.py), wave k fetches, gates and extracts while
the earlier ones finish, and only its candidate step waits: ``EarlierWaves`` is handed to that step in
place of a list of files and, when called there, waits for each earlier wave's signature spool (written
whole, once its signature file is, pipeline/spool.py; not at the end of that wave: a wave started beside
the one before it would otherwise idle through that wave's join and writing), then lists its files. Waves
only ever wait for earlier ones, so they cannot wait on each other in a circle; a wave that fails ends the
run, and the launcher stops the waves that wait for it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Dict, List

from apache_beam.io.filesystems import FileSystems

from akhbar.pipeline.spool import read_spool, spool_path
from akhbar.transforms.stored_ids import MINHASH

#: A wave waits this long at most for an earlier one (the launcher stops it much sooner when that one fails).
WAIT_LIMIT_SECONDS = 6 * 3600.0


FRONT = "front"  # the phase that plans the waves


def wave_phase(wave: int) -> str:
    return f"wave-{wave:05d}"


def signatures_phase(wave: int) -> str:
    """The spool of a wave's signature files alone, written as soon as they are (waves side by side)."""
    return f"signatures-{wave:05d}"


def signature_files(spooled: Dict[str, List]) -> List[str]:
    """Temporary signature-index files among a phase's written files (read by the later waves)."""
    marker = "/" + MINHASH + "/"
    return [f.temp_path for f in spooled["files"] if marker in f.final_path]


@dataclass(frozen=True)
class EarlierWaves:
    """The signature files of waves ``0..wave-1`` of a run, waited for when called (see the module)."""

    output: str
    run_id: str
    wave: int
    limit_seconds: float = WAIT_LIMIT_SECONDS

    def __bool__(self) -> bool:
        return self.wave > 0

    def __call__(self, sleep=time.sleep, clock=time.monotonic) -> List[str]:
        files: List[str] = []
        for wave in range(self.wave):
            self._wait(signatures_phase(wave), sleep, clock)
            files += signature_files(read_spool(self.output, self.run_id, signatures_phase(wave)))
        return sorted(files)

    def _wait(self, phase: str, sleep, clock) -> None:
        path = spool_path(self.output, self.run_id, phase)
        start, pause = clock(), 0.02
        while not FileSystems.exists(path):
            if clock() - start > self.limit_seconds:
                raise TimeoutError(f"wave {self.wave} of run {self.run_id}: {phase} did not finish within "
                                   f"{self.limit_seconds:.0f} s ({path} missing)")
            sleep(pause)
            pause = min(0.25, pause * 1.5)
