// Placeholder until the host issue lands: the CLI, plugin catalog and sessions come with it.
Console.WriteLine("fluxum: the host is not built yet.");
return 1;
