namespace CoPLive.Web.Tests;

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInFixture>
{
    public const string Name = "web-sign-in";
}
