using System.Globalization;
using System.Text;

namespace CustomerCore.Benchmarks.Import;

/// <summary>Generates import CSV files with a fixed seed: Chinese headers, unique mobiles, about 5 % dirty rows.</summary>
internal static class ImportData
{
    private static readonly string[] s_family = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] s_given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"];
    private static readonly string[] s_cities = ["北京市朝阳区建国路", "上海市浦东新区世纪大道", "广州市天河区天河路", "深圳市南山区科技园路"];

    /// <summary>Writes <paramref name="rows"/> data rows; returns the number of rows made dirty on purpose.</summary>
    public static int Write(TextWriter writer, int rows, int seed = 42, double dirtyShare = 0.05, double duplicateShare = 0)
    {
        var random = new Random(seed);
        var dirty = 0;
        writer.Write("编号,姓名,手机,邮箱,地址,负责人,标签\n");
        var line = new StringBuilder(160);
        for (var i = 0; i < rows; i++)
        {
            line.Clear();
            var name = s_family[random.Next(s_family.Length)] + s_given[random.Next(s_given.Length)];
            var phone = "13" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture)[..9];
            var email = $"u{i}@example.com";
            if (duplicateShare > 0 && i > 0 && random.NextDouble() < duplicateShare)
            {
                // The same person again (an earlier row's phone and email): the import updates instead of creating.
                var earlier = random.Next(i);
                phone = "13" + (100_000_000 + earlier).ToString(CultureInfo.InvariantCulture)[..9];
                email = $"u{earlier}@example.com";
            }

            if (random.NextDouble() < dirtyShare)
            {
                dirty++;
                switch (random.Next(3))
                {
                    case 0: name = " "; break;
                    case 1: phone = "12" + i.ToString(CultureInfo.InvariantCulture)[..Math.Min(3, i.ToString(CultureInfo.InvariantCulture).Length)]; break;
                    default: email = "bad@@" + i.ToString(CultureInfo.InvariantCulture); break;
                }
            }

            line.Append('C').Append(i).Append(',').Append(name).Append(',').Append(phone).Append(',').Append(email).Append(',')
                .Append(s_cities[random.Next(s_cities.Length)]).Append(random.Next(1, 999)).Append("号,rep-")
                .Append(random.Next(20)).Append(",VIP;华北\n");
            writer.Write(line);
        }

        return dirty;
    }
}
