using Unrolled.IntegrationTests.Networks;

namespace Unrolled.IntegrationTests;

/// <summary>Parameter files move between a generated network and the interpreter built from the same spec.</summary>
public class ParameterFileTests
{
    [Fact]
    public void A_file_saved_from_a_generated_network_loads_into_the_interpreter_and_back()
    {
        var generated = new CirclesNet();
        generated.Initialize(seed: 99);
        var reference = new ReferenceNetwork<float>(CirclesNet.Spec, seed: 1);

        using (var file = new MemoryStream())
        {
            ParameterFile.Save(generated, file);
            file.Position = 0;
            ParameterFile.Load(reference, file);
        }

        Assert.Equal(generated.Parameters.ToArray(), reference.Parameters.ToArray());
        float[] x = [0.25f, -0.75f], fromGenerated = new float[2], fromReference = new float[2];
        generated.Forward(x, fromGenerated);
        reference.Forward(x, fromReference);
        Assert.Equal(fromReference, fromGenerated); // scalar layers: the same fused multiply-adds and Math functions

        var back = new CirclesNet();
        using (var json = new MemoryStream())
        {
            ParameterFile.SaveJson(reference, json);
            json.Position = 0;
            ParameterFile.LoadJson(back, json);
        }

        Assert.Equal(generated.Parameters.ToArray(), back.Parameters.ToArray());
    }

    [Fact]
    public void A_file_of_another_shape_is_refused_and_changes_nothing()
    {
        var smooth = new SmoothNet();
        using var file = new MemoryStream();
        ParameterFile.Save(smooth, file);

        var other = new BinaryNet();
        double[] before = other.Parameters.ToArray();
        file.Position = 0;
        Assert.Throws<ArgumentException>(() => ParameterFile.Load(other, file));
        Assert.Equal(before, other.Parameters.ToArray());
    }
}
