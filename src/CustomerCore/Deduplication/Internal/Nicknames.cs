using System.Collections.Frozen;

namespace CustomerCore.Deduplication.Internal;

/// <summary>Maps common English nicknames to a canonical given name (a small built-in list of frequent pairs).</summary>
internal static class Nicknames
{
    private const string Groups =
        "william:bill,billy,will,willy,liam|robert:bob,bobby,rob,robbie,bert|richard:dick,rick,ricky,rich|james:jim,jimmy,jamie|" +
        "john:jack,johnny,jon|jonathan:jon,jonny|michael:mike,mikey,mick|thomas:tom,tommy|christopher:chris,kit|charles:charlie,chuck|" +
        "joseph:joe,joey|daniel:dan,danny|matthew:matt|anthony:tony|edward:ed,eddie,ted,ned|henry:harry,hank|david:dave,davy|" +
        "andrew:andy,drew|alexander:alex,sandy|benjamin:ben,benny|samuel:sam,sammy|nicholas:nick,nicky|stephen:steve,stevie|steven:steve|" +
        "patrick:pat,paddy|peter:pete|timothy:tim,timmy|elizabeth:liz,lizzie,beth,betty,eliza,bess|margaret:maggie,meg,peggy,marge|" +
        "katherine:kate,kathy,katie,kat|catherine:cathy,kate,katie|jennifer:jen,jenny|jessica:jess,jessie|rebecca:becky,becca|" +
        "susan:sue,susie|deborah:deb,debbie|patricia:pat,patty,trish|victoria:vicky,tori|alexandra:alex,sandra|samantha:sam|" +
        "christine:chris,tina|dorothy:dot,dolly|abigail:abby|barbara:barb|kimberly:kim|jacqueline:jackie|joshua:josh|nathan:nate|" +
        "zachary:zach|gregory:greg|jeffrey:jeff|kenneth:ken,kenny|ronald:ron,ronnie|donald:don,donnie|raymond:ray|lawrence:larry|" +
        "gerald:gerry,jerry|frederick:fred,freddie|albert:al,bert|alfred:alf,fred|frank:frankie|francis:frank|leonard:leo,len|" +
        "jakob:jake|jacob:jake|hans:johannes|wolfgang:wolf|friedrich:fritz|";

    private static readonly FrozenDictionary<string, string> s_canonical = Build();

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = group.Split(':');
            map.TryAdd(parts[0], parts[0]);
            foreach (var nick in parts[1].Split(','))
            {
                map.TryAdd(nick, parts[0]);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static bool AreEquivalent(string a, string b) =>
        s_canonical.TryGetValue(a, out var ca) && s_canonical.TryGetValue(b, out var cb) && ca == cb;
}
