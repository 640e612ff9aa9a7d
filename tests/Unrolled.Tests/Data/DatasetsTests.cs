namespace Unrolled.Tests.Data;

public class DatasetsTests
{
    public static TheoryData<string> Generators => ["circles", "moons", "blobs", "spiral", "xor", "xor-uniform"];

    private static Dataset<double> Make(string name, int seed, int samples = 200) => name switch
    {
        "circles" => Datasets.Circles<double>(samples, noise: 0.05, factor: 0.5, seed: seed),
        "moons" => Datasets.Moons<double>(samples, noise: 0.1, seed: seed),
        "blobs" => Datasets.Blobs<double>(samples, seed: seed),
        "spiral" => Datasets.Spiral<double>(samples, arms: 4, seed: seed),
        "xor" => Datasets.Xor<double>(samples, noise: 0.1, seed: seed),
        "xor-uniform" => Datasets.Xor<double>(samples, uniform: true, seed: seed),
        _ => throw new ArgumentException(name),
    };

    private static int ClassesOf(string name) => name switch { "blobs" => 3, "spiral" => 4, _ => 2 };

    [Theory]
    [MemberData(nameof(Generators))]
    public void Shape_is_two_features_and_one_hot_targets_matching_the_labels(string name)
    {
        var data = Make(name, seed: 1, samples: 201);
        int classes = ClassesOf(name);
        Assert.Equal(201, data.Count);
        Assert.Equal(2, data.InputCount);
        Assert.Equal(classes, data.OutputCount);
        Assert.True(data.HasLabels);
        Assert.Equal(classes, data.ClassCount);
        Assert.Equal(201 * 2, data.Features.Length);
        Assert.Equal(201 * classes, data.Targets.Length);
        for (int i = 0; i < data.Count; i++)
        {
            var target = data.Target(i);
            for (int k = 0; k < classes; k++)
            {
                Assert.Equal(k == data.Label(i) ? 1.0 : 0.0, target[k]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Classes_are_balanced(string name)
    {
        if (name == "xor-uniform")
        {
            return; // uniform points are labelled by position: balanced only on average (checked below)
        }

        int classes = ClassesOf(name);
        var data = Make(name, seed: 2, samples: 12 * classes + 1);
        var counts = new int[classes];
        foreach (int label in data.Labels)
        {
            counts[label]++;
        }

        // 12 each, and the first class gets the one left over.
        Assert.Equal(13, counts[0]);
        for (int c = 1; c < classes; c++)
        {
            Assert.Equal(12, counts[c]);
        }
    }

    [Fact]
    public void Uniform_xor_is_labelled_by_the_sign_product_and_roughly_balanced()
    {
        var data = Datasets.Xor<double>(2000, uniform: true, seed: 3);
        int ones = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Feature(i);
            Assert.InRange(x[0], -1.0, 1.0);
            Assert.InRange(x[1], -1.0, 1.0);
            Assert.Equal(x[0] * x[1] < 0 ? 1 : 0, data.Label(i));
            ones += data.Label(i);
        }

        Assert.InRange(ones, 900, 1100);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Same_seed_gives_the_same_data_and_another_seed_other_data(string name)
    {
        var a = Make(name, seed: 7);
        var b = Make(name, seed: 7);
        var c = Make(name, seed: 8);
        Assert.True(a.Features.SequenceEqual(b.Features));
        Assert.True(a.Targets.SequenceEqual(b.Targets));
        Assert.True(a.Labels.SequenceEqual(b.Labels));
        Assert.False(a.Features.SequenceEqual(c.Features));
    }

    [Fact]
    public void Circles_lie_at_radius_one_and_factor_by_class()
    {
        var data = Datasets.Circles<double>(400, noise: 0.02, factor: 0.4, seed: 4);
        var sum = new double[2];
        var count = new int[2];
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Feature(i);
            double radius = Math.Sqrt(x[0] * x[0] + x[1] * x[1]);
            int label = data.Label(i);
            Assert.InRange(radius, (label == 0 ? 1.0 : 0.4) - 0.1, (label == 0 ? 1.0 : 0.4) + 0.1);
            sum[label] += radius;
            count[label]++;
        }

        Assert.Equal(1.0, sum[0] / count[0], 0.01);
        Assert.Equal(0.4, sum[1] / count[1], 0.01);
    }

    [Fact]
    public void Noiseless_circles_are_exact_and_unshuffled_circles_come_class_after_class()
    {
        var data = Datasets.Circles<double>(8, noise: 0, factor: 0.5, shuffle: false);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], data.Labels.ToArray());
        Assert.Equal(1.0, data.Feature(0)[0], 15);
        Assert.Equal(0.0, data.Feature(0)[1], 15);
        Assert.Equal(0.0, data.Feature(5)[0], 15); // inner circle, a quarter turn
        Assert.Equal(0.5, data.Feature(5)[1], 15);
    }

    [Fact]
    public void Noiseless_moons_follow_the_two_half_circles()
    {
        var data = Datasets.Moons<double>(50, noise: 0, shuffle: false);
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Feature(i);
            double dx = data.Label(i) == 0 ? x[0] : x[0] - 1, dy = data.Label(i) == 0 ? x[1] : x[1] - 0.5;
            Assert.Equal(1.0, Math.Sqrt(dx * dx + dy * dy), 12);
            Assert.True(data.Label(i) == 0 ? x[1] >= -1e-12 : x[1] <= 0.5 + 1e-12);
        }

        Assert.Equal(1.0, data.Feature(0)[0], 15);
        Assert.Equal(-1.0, data.Feature(24)[0], 12);
    }

    [Fact]
    public void Blobs_are_near_their_centers_with_the_given_spread()
    {
        double[,] centers = { { 5, -5, 0 }, { -3, 2, 1 } };
        var data = Datasets.Blobs<double>(4000, centers, standardDeviation: 0.5, seed: 5);
        Assert.Equal(3, data.InputCount);
        var mean = new double[2, 3];
        var squares = new double[2, 3];
        var count = new int[2];
        for (int i = 0; i < data.Count; i++)
        {
            int c = data.Label(i);
            count[c]++;
            for (int d = 0; d < 3; d++)
            {
                mean[c, d] += data.Feature(i)[d];
                squares[c, d] += (data.Feature(i)[d] - centers[c, d]) * (data.Feature(i)[d] - centers[c, d]);
            }
        }

        for (int c = 0; c < 2; c++)
        {
            for (int d = 0; d < 3; d++)
            {
                Assert.Equal(centers[c, d], mean[c, d] / count[c], 0.05);
                Assert.Equal(0.5, Math.Sqrt(squares[c, d] / count[c]), 0.03);
            }
        }
    }

    [Fact]
    public void Default_blobs_are_three_separated_gaussians()
    {
        var data = Datasets.Blobs<double>(300, seed: 6);
        Assert.Equal(3, data.ClassCount);
        double[,] centers = { { -2, -1 }, { 2, -1 }, { 0, 2 } };
        var sum = new double[3, 2];
        for (int i = 0; i < data.Count; i++)
        {
            sum[data.Label(i), 0] += data.Feature(i)[0];
            sum[data.Label(i), 1] += data.Feature(i)[1];
        }

        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(centers[c, 0], sum[c, 0] / 100, 0.2);
            Assert.Equal(centers[c, 1], sum[c, 1] / 100, 0.2);
        }
    }

    [Fact]
    public void Spiral_arms_grow_from_the_center_to_radius_one()
    {
        var data = Datasets.Spiral<double>(300, arms: 3, noise: 0.2, shuffle: false);
        for (int c = 0; c < 3; c++)
        {
            var first = data.Feature(c * 100);
            var last = data.Feature(c * 100 + 99);
            Assert.Equal(0.0, Math.Sqrt(first[0] * first[0] + first[1] * first[1]), 12);
            Assert.Equal(1.0, Math.Sqrt(last[0] * last[0] + last[1] * last[1]), 12);
            Assert.Equal(c, data.Label(c * 100 + 50));
        }
    }

    [Fact]
    public void Four_noiseless_xor_points_are_the_truth_table()
    {
        var data = Datasets.Xor<float>(4, noise: 0, shuffle: false);
        Assert.Equal([-1f, -1f, -1f, 1f, 1f, -1f, 1f, 1f], data.Features.ToArray());
        Assert.Equal([0, 1, 1, 0], data.Labels.ToArray());
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Circles<double>(100, factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons<double>(100, noise: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Spiral<double>(2, arms: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Xor<double>(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Blobs<double>(10, new double[1, 2], 1.0));
    }
}
