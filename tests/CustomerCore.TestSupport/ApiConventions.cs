using System.Reflection;

namespace CustomerCore.TestSupport;

/// <summary>Checks STYLE.md's public-surface rules by reflection; each package's tests call it for its assembly.</summary>
public static class ApiConventions
{
    private static readonly string[] s_hiddenNamespaces = ["NetTopologySuite", "PhoneNumbers", "FuzzySharp", "Npgsql", "Microsoft.Data.Sqlite", "CsvHelper"];

    /// <summary>Lists public async methods whose last parameter is not a <see cref="CancellationToken"/>.</summary>
    public static IReadOnlyList<string> AsyncMethodsWithoutCancellationToken(Assembly assembly) =>
        [.. PublicMethods(assembly)
            .Where(m => IsAsync(m.ReturnType))
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last }] || last != typeof(CancellationToken))
            .Select(Describe)];

    /// <summary>Lists public classes that are neither sealed, abstract nor static.</summary>
    public static IReadOnlyList<string> UnsealedPublicClasses(Assembly assembly) =>
        [.. assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Select(t => t.FullName!)];

    /// <summary>Lists public members whose signatures mention a third-party type that must stay inside its feature folder.</summary>
    public static IReadOnlyList<string> LeakedThirdPartyTypes(Assembly assembly)
    {
        var leaks = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.BaseType is { } b && IsHidden(b))
            {
                leaks.Add($"{type.FullName} : {b.FullName}");
            }

            leaks.AddRange(type.GetInterfaces().Where(IsHidden).Select(i => $"{type.FullName} : {i.FullName}"));
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                IEnumerable<Type> types = member switch
                {
                    MethodBase m => [.. m.GetParameters().Select(p => p.ParameterType), .. m is MethodInfo mi ? [mi.ReturnType] : Array.Empty<Type>()],
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    EventInfo e => [e.EventHandlerType!],
                    _ => [],
                };
                if (types.Any(IsHidden))
                {
                    leaks.Add($"{type.FullName}.{member.Name}");
                }
            }
        }

        return leaks;
    }

    private static IEnumerable<MethodInfo> PublicMethods(Assembly assembly) =>
        assembly.GetExportedTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName);

    private static bool IsAsync(Type t) =>
        t == typeof(Task) || t == typeof(ValueTask)
        || t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(Task<>) || g == typeof(ValueTask<>) || g == typeof(IAsyncEnumerable<>));

    private static bool IsHidden(Type t)
    {
        if (t.HasElementType)
        {
            return IsHidden(t.GetElementType()!);
        }

        if (t.IsGenericType && t.GetGenericArguments().Any(IsHidden))
        {
            return true;
        }

        return t.Namespace is { } ns && s_hiddenNamespaces.Any(h => ns == h || ns.StartsWith(h + ".", StringComparison.Ordinal));
    }

    private static string Describe(MethodInfo m) => $"{m.DeclaringType?.FullName}.{m.Name}";
}
