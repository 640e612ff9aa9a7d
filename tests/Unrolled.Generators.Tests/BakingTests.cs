using System.Text.Json;
using Unrolled.Generators.Tests.Infrastructure;
using static Unrolled.Generators.Tests.BakedWeightsReaderTests;

namespace Unrolled.Generators.Tests;

/// <summary>
/// Networks declared with Weights, generated with their files as a build hands them over, compiled and run: the
/// parameters are bit for bit what OnnxModel.Load and ParameterFile.Load give, ForwardBaked computes what Forward
/// computes, and both reproduce the outputs the fixtures' producers recorded.
/// </summary>
public class BakingTests
{
    [Theory]
    [MemberData(nameof(BakedNetwork.AcceptedFixtures), MemberType = typeof(BakedNetwork))]
    public void Every_onnx_fixture_bakes_to_the_parameters_and_outputs_of_its_runtime_import(string name)
    {
        string path = BakedNetwork.Fixture(name);
        var spec = OnnxModel.ReadSpec(path);
        var files = new ProjectFiles().Model("models/net.onnx", File.ReadAllBytes(path));
        var run = BakedNetwork.Generate(BakedNetwork.Declaration(spec, "models/net.onnx"), files);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json"))).RootElement;
        if (spec.Precision == Precision.Single)
        {
            var (network, forwardBaked) = BakedNetwork.Create<float>(run);
            Assert.Equal(Bits(OnnxModel.Load<float>(path).Parameters), Bits(network.Parameters));
            CheckOutputs(network, forwardBaked, expected, tolerance: 1e-5);
        }
        else
        {
            var (network, forwardBaked) = BakedNetwork.Create<double>(run);
            Assert.Equal(Bits(OnnxModel.Load<double>(path).Parameters), Bits(network.Parameters));
            CheckOutputs(network, forwardBaked, expected, tolerance: 1e-12);
        }
    }

    [Theory]
    [InlineData("models/net.unrl")]
    [InlineData("models/net.json")]
    public void Parameter_files_bake_to_the_parameters_ParameterFile_loads(string weights)
    {
        var spec = new NetworkSpec(3, [new LayerSpec(4, Activation.LeakyRelu, 0.2), new LayerSpec(2, Activation.Softmax)], LossFunction.CrossEntropy);
        var saved = WithHardValues(new ReferenceNetwork<float>(spec));
        bool json = weights.EndsWith(".json", StringComparison.Ordinal);
        byte[] bytes = Save(saved, json);
        var files = json ? new ProjectFiles().Text(weights, System.Text.Encoding.UTF8.GetString(bytes)) : new ProjectFiles().Model(weights, bytes);
        var (network, forwardBaked) = BakedNetwork.Create<float>(BakedNetwork.Generate(BakedNetwork.Declaration(spec, weights), files));

        var loaded = new ReferenceNetwork<float>(spec);
        if (json)
        {
            ParameterFile.LoadJson(loaded, new MemoryStream(bytes));
        }
        else
        {
            ParameterFile.Load(loaded, new MemoryStream(bytes));
        }

        Assert.Equal(Bits(loaded.Parameters), Bits(network.Parameters));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(network.Parameters[0]));
        float[] input = [0.5f, -1, 2], viaInstance = new float[2], viaStatic = new float[2];
        network.Forward(input, viaInstance);
        forwardBaked(input, viaStatic);
        Assert.Equal(viaInstance, viaStatic);
    }

    [Fact]
    public void Double_parameter_files_bake_in_double()
    {
        var spec = new NetworkSpec(2, [new LayerSpec(3, Activation.Tanh), new LayerSpec(1)], precision: Precision.Double);
        var saved = WithHardValues(new ReferenceNetwork<double>(spec));
        saved.Parameters[2] = 1e300; // keeps tanh finite: the extremes only need to survive as literals
        saved.Parameters[3] = -1e-300;
        var files = new ProjectFiles().Model("weights/net.unrl", Save(saved, json: false));
        var (network, _) = BakedNetwork.Create<double>(BakedNetwork.Generate(BakedNetwork.Declaration(spec, "weights/net.unrl"), files));
        Assert.Equal(Bits(saved.Parameters), Bits(network.Parameters));
    }

    [Fact]
    public void Initialize_restores_the_baked_weights_whatever_the_seed_and_ForwardBaked_ignores_fine_tuning()
    {
        string path = BakedNetwork.Fixture("torch_relu_softmax_opset13");
        var files = new ProjectFiles().Model("m.onnx", File.ReadAllBytes(path));
        var (network, forwardBaked) = BakedNetwork.Create<float>(BakedNetwork.Generate(BakedNetwork.Declaration(OnnxModel.ReadSpec(path), "m.onnx"), files));
        var baked = network.Parameters.ToArray();
        float[] input = [0.3f, 0.8f, 0.3f, -1.3f], before = new float[3], after = new float[3];
        forwardBaked(input, before);

        network.Parameters.Fill(0.5f);
        forwardBaked(input, after);
        Assert.Equal(before, after);

        network.Initialize(12345);
        Assert.Equal(baked, network.Parameters.ToArray());
    }

    [Fact]
    public void ForwardBaked_checks_its_arguments_as_Forward_does()
    {
        string path = BakedNetwork.Fixture("torch_relu_softmax_opset13");
        var files = new ProjectFiles().Model("m.onnx", File.ReadAllBytes(path));
        var (network, forwardBaked) = BakedNetwork.Create<float>(BakedNetwork.Generate(BakedNetwork.Declaration(OnnxModel.ReadSpec(path), "m.onnx"), files));
        var viaStatic = Assert.Throws<ArgumentException>(() => forwardBaked(new float[5], new float[3]));
        var viaInstance = Assert.Throws<ArgumentException>(() => network.Forward(new float[5], new float[3]));
        Assert.Equal(viaInstance.Message, viaStatic.Message);
        Assert.Equal(viaInstance.ParamName, viaStatic.ParamName);
    }

    [Theory]
    [InlineData("torch_relu_softmax_opset13")]
    [InlineData("torch_double_opset13")]
    public void The_baked_values_are_constant_data_read_in_place_without_an_array(string fixture)
    {
        // ReadOnlySpan<T> P => new T[] { constants } compiles to: ldtoken <field with RVA data>; call
        // RuntimeHelpers.CreateSpan<T>(RuntimeFieldHandle); ret. No newarr: nothing is allocated, nothing runs at start-up.
        string path = BakedNetwork.Fixture(fixture);
        var files = new ProjectFiles().Model("m.onnx", File.ReadAllBytes(path));
        var run = BakedNetwork.Generate(BakedNetwork.Declaration(OnnxModel.ReadSpec(path), "m.onnx"), files);
        var assembly = InMemoryAssembly.Load(run.Output);
        var kernels = assembly.GetTypes().Single(t => t.Name.EndsWith("NetKernels", StringComparison.Ordinal));
        var getter = kernels.GetProperty("BakedParameters")!.GetMethod!;
        byte[] il = getter.GetMethodBody()!.GetILAsByteArray()!;
        Assert.Equal(11, il.Length);
        Assert.Equal(0xD0, il[0]); // ldtoken
        var field = kernels.Module.ResolveField(BitConverter.ToInt32(il, 1))!;
        Assert.True(field.Attributes.HasFlag(System.Reflection.FieldAttributes.HasFieldRVA), $"{field.Name} has no RVA data");
        Assert.Equal(0x28, il[5]); // call
        var call = kernels.Module.ResolveMethod(BitConverter.ToInt32(il, 6))!;
        Assert.Equal("System.Runtime.CompilerServices.RuntimeHelpers.CreateSpan", call.DeclaringType!.FullName + "." + call.Name);
        Assert.Equal(0x2A, il[10]); // ret
    }

    private static void CheckOutputs<T>(INetwork<T> network, SpanForward<T> forwardBaked, JsonElement expected, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var inputs = expected.GetProperty("inputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => T.CreateTruncating(v.GetDouble()))).ToArray();
        var outputs = expected.GetProperty("outputs").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        var viaInstance = new T[outputs.Length];
        var viaStatic = new T[outputs.Length];
        network.Forward(inputs, viaInstance);
        forwardBaked(inputs, viaStatic);
        Assert.Equal(viaInstance, viaStatic);
        for (int k = 0; k < outputs.Length; k++)
        {
            double actual = double.CreateTruncating(viaStatic[k]);
            Assert.True(Math.Abs(actual - outputs[k]) <= tolerance * Math.Max(1, Math.Abs(outputs[k])), $"output {k}: {actual} vs {outputs[k]}");
        }
    }
}
