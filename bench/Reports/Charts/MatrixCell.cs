namespace LeakBench.Reports.Charts;

/// <summary>One cell of the headline matrix: the row it shows, where it is drawn (pixels from the top left) and its word.</summary>
public sealed record MatrixCell(StudyRow Row, double Left, double Top, double Width, double Height, string Word)
{
    public double CenterX => Left + Width / 2;

    public double CenterY => Top + Height / 2;
}
