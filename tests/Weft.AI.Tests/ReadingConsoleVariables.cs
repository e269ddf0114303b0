using Weft.AI.TestConsole;

namespace Weft.AI.Tests;

/// <summary>The console's variables box: empty or a JSON object; anything else is refused with what is wrong.</summary>
public sealed class ReadingConsoleVariables
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_box_gives_no_variables(string? text)
    {
        ConsoleVariables.Read(text).ShouldBe((null, null));
    }

    [Fact]
    public void An_object_is_read_as_it_is()
    {
        var (variables, problem) = ConsoleVariables.Read("""{"shop": {"name": "Atelier Nord"}, "count": 3}""");
        problem.ShouldBeNull();
        variables!["shop"]!["name"]!.GetValue<string>().ShouldBe("Atelier Nord");
        variables["count"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData("""{"shop": """, "The variables are not valid JSON at line 1, character 10.")]
    [InlineData("{\n  \"a\": 1,\n  oops\n}", "The variables are not valid JSON at line 3, character 3.")]
    [InlineData("""["Atelier Nord"]""", "The variables must be a JSON object, like {\"customer\": {\"name\": \"Ada\"}}, not a list.")]
    [InlineData("42", "The variables must be a JSON object, like {\"customer\": {\"name\": \"Ada\"}}, not a single value.")]
    [InlineData("null", "The variables must be a JSON object, like {\"customer\": {\"name\": \"Ada\"}}, not null.")]
    public void Anything_else_is_refused_saying_what_is_wrong(string text, string start)
    {
        var (variables, problem) = ConsoleVariables.Read(text);
        variables.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldStartWith(start);
    }
}
