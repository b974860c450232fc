"""The render engine: NAM inference, IR convolution, effects, loudness, montage, metrics, video."""
