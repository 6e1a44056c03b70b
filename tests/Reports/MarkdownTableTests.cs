using LeakBench.Reports;

namespace LeakBench.Tests.Reports;

/// <summary>The one markdown table writer: its compact form (the report) and its padded form (the seed), by known answers.</summary>
public sealed class MarkdownTableTests
{
    private static readonly MarkdownColumn[] Columns = [new("Case"), new("Conn/1k", AlignRight: true)];

    [Fact]
    public void Compact_table_has_a_rule_without_spaces_and_unpadded_cells()
    {
        var table = MarkdownTable.Write(Columns, [["leak", "1000"], ["reuse", "1"]]);

        Assert.Equal("| Case | Conn/1k |\n|---|---:|\n| leak | 1000 |\n| reuse | 1 |\n", table);
    }

    [Fact]
    public void Padded_table_pads_text_right_and_numbers_left_to_the_widest_cell()
    {
        var table = MarkdownTable.Write(Columns, [["leak", "1000"], ["reuse", "1"]], padded: true);

        Assert.Equal(
            "| Case  | Conn/1k |\n" +
            "| ----- | ------: |\n" +
            "| leak  |    1000 |\n" +
            "| reuse |       1 |\n",
            table);
    }

    [Fact]
    public void Empty_headers_give_the_header_of_a_key_value_table()
    {
        var table = MarkdownTable.Write([new(""), new("")], [["OS", "Linux"]]);

        Assert.Equal("| | |\n|---|---|\n| OS | Linux |\n", table);
    }

    [Fact]
    public void Pipes_are_escaped_and_line_breaks_become_spaces()
    {
        var table = MarkdownTable.Write([new("Command")], [["a | b\r\nc"]]);

        Assert.Equal("| Command |\n|---|\n| a \\| b  c |\n", table);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => MarkdownTable.Write(Columns, [["only one"]]));

        Assert.Contains("1 cells for 2 columns", error.Message, StringComparison.Ordinal);
    }
}
