using Unrolled;

namespace Realtime;

/// <summary>
/// A neural waveshaper: (sample, drive) -> shaped sample. Two tanh hidden layers of 16 and a tanh output keep the
/// result in (-1, 1) whatever the input, as a soft clipper does. 337 float parameters.
/// </summary>
[Network(inputs: 2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Tanh)]
public sealed partial class Waveshaper;
