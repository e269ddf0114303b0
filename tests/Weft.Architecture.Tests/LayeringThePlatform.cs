namespace Weft.Architecture.Tests;

public sealed class LayeringThePlatform
{
    [Fact]
    public void Platform_depends_on_no_other_Weft_assembly() =>
        WeftDependencies.Of(SourceProjects.Platform)
            .ShouldBeNone("Weft.Platform is the kernel: it depends on no other Weft assembly.");

    [Fact]
    public void Platform_Web_depends_on_no_Weft_assembly_but_Platform() =>
        WeftDependencies.Of(SourceProjects.PlatformWeb, SourceProjects.Platform)
            .ShouldBeNone("Weft.Platform.Web depends on no Weft assembly but Weft.Platform.");
}
