"""The help chime, generated as a small WAV in memory (no sound files to ship): two soft rising tones."""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array

RATE = 22_050
TONES_HZ = (523.25, 783.99)  # C5 then G5: a calm rising "ding-ding", not an alarm
TONE_S = 0.35
PEAK = 0.35  # of full scale: soft, so it does not startle
ATTACK_S = 0.01


def chime_samples(rate: int = RATE) -> array[int]:
    """16-bit mono samples: each tone starts softly and fades out exponentially."""
    samples = array("h")
    length = int(TONE_S * rate)
    for frequency in TONES_HZ:
        for index in range(length):
            t = index / rate
            envelope = min(1.0, t / ATTACK_S) * math.exp(-6.0 * t / TONE_S)
            samples.append(int(32767 * PEAK * envelope * math.sin(2 * math.pi * frequency * t)))
    return samples


def chime_wav(rate: int = RATE) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = chime_samples(rate)
        if sys.byteorder == "big":
            samples.byteswap()  # WAV is little-endian
        out.writeframes(samples.tobytes())
    return buffer.getvalue()
