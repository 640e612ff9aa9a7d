namespace Unrolled.IntegrationTests;

using Unrolled.IntegrationTests.Networks;

public class SmokeTests
{
    [Fact]
    public void Circles_matches_reference()
    {
        var net = new CirclesNet();
        var reference = new ReferenceNetwork<float>(CirclesNet.Spec);
        Span<float> y = stackalloc float[2];
        Span<float> r = stackalloc float[2];
        net.Forward([0.3f, -1.2f], y);
        reference.Forward([0.3f, -1.2f], r);
        Assert.Equal(r[0], y[0]);
        Assert.Equal(r[1], y[1]);
    }
}
