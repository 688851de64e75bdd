using CustomerCore.Samples.Web;

// The whole host is built in WebHostFactory, so the browser tests start the same app in-process on a free port.
var app = await WebHostFactory.BuildAsync(new WebApplicationOptions { Args = args });
await app.RunAsync();
