using System.Buffers.Binary;
using System.Xml.Linq;

namespace LeakBench.Tests.Reports;

/// <summary>Reads what a chart file is: a PNG's signature and pixel size from its IHDR chunk, an SVG's root.</summary>
public static class ChartImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG's width and height; fails the test when the file is no PNG.</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        // The first chunk is IHDR: length (4), type (4), then width and height, big-endian.
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    public static void AssertSvg(string path)
    {
        var svg = XDocument.Load(path);
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.NotEmpty(svg.Root.Descendants());
    }
}
