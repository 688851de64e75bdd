using System.Text;

namespace CustomerCore.Addresses;

/// <summary>Folds characters one to one (so input offsets stay valid): full-width to ASCII, Kangxi radicals and
/// compatibility ideographs to unified ideographs (Unicode NFKC where it yields one character), traditional to simplified.</summary>
/// <remarks>The table (128 kB) is built once, lazily and thread-safely.</remarks>
internal static class CharFolding
{
    // Traditional → simplified pairs for characters common in addresses and division names (Unicode Unihan kSimplifiedVariant).
    private const string TraditionalPairs =
        "廣广東东門门區区縣县鄉乡鎮镇號号樓楼層层單单與与國国灣湾臺台龍龙陽阳島岛嶺岭溝沟莊庄園园場场橋桥灣湾" +
        "華华寧宁遼辽吉吉黑黑蘇苏淅淅贛赣閩闽魯鲁豫豫鄂鄂湘湘桂桂瓊琼渝渝蜀蜀黔黔滇滇藏藏陝陕甘甘隴陇靑青寧宁新新" +
        "雲云貴贵關关陳陈劉刘張张楊杨鄭郑謝谢黃黄趙赵錢钱孫孙馬马衛卫興兴豐丰開开發发聯联雙双灣湾滬沪濱滨" +
        "瀋沈長长慶庆嶽岳漢汉鳳凤儀仪濟济際际羅罗義义蘭兰鹽盐壩坝灘滩澤泽淺浅滿满潤润漁渔溫温濰潍圍围" +
        "寶宝實实寬宽遠远連连運运進进達达遼辽邊边鄰邻鐵铁錦锦鎖锁閣阁閘闸隊队階阶陸陆隨随險险雞鸡麗丽" +
        "車车軍军農农寫写廈厦廳厅庫库廟庙彎弯徑径復复懷怀戶户據据撫抚擴扩斷断於于時时書书會会條条楊杨" +
        "業业樂乐槍枪歸归氣气漳漳灃沣無无煙烟燈灯爾尔狀状獅狮產产畢毕異异礦矿禮礼種种穩稳窯窑競竞筆笔" +
        "範范築筑紅红級级紡纺組组結结絲丝經经綠绿網网線线縣县總总織织羅罗聖圣腳脚臨临舊旧莊庄萬万葉叶" +
        "蔣蒋藥药處处號号補补裝装西西見见視视觀观設设評评試试誠诚調调諸诸谷谷豐丰貝贝財财賓宾賢贤" +
        "購购質质趕赶軟软輪轮農农迴回週周過过鄧邓鄒邹醫医釘钉銀银銅铜鋼钢錫锡鏡镜長长門门閃闪間间" +
        "關关陰阴陵陵隆隆電电靈灵順顺頭头題题風风飛飞館馆驛驿體体高高魚鱼鳥鸟麥麦齊齐";

    private static readonly Lazy<char[]> s_table = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Folds <paramref name="source"/> into <paramref name="destination"/> (same length); returns whether any character changed.</summary>
    public static bool Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var table = s_table.Value;
        var changed = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = table[source[i]];
            changed |= c != source[i];
            destination[i] = c;
        }

        return changed;
    }

    private static char[] Build()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = c;
            if (char.IsSurrogate(c) || (c < 0x2E80 && c is < '\uFF00' or > '\uFFEF'))
            {
                continue;
            }

            if (c is >= '\uAC00' and <= '\uD7A3' or >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                continue; // Hangul syllables stay composed; noncharacters and unassigned code points have no normal form
            }

            var s = c.ToString();
            if (!s.IsNormalized(NormalizationForm.FormKC))
            {
                var n = s.Normalize(NormalizationForm.FormKC);
                if (n.Length == 1)
                {
                    table[i] = n[0];
                }
            }
        }

        table['\u3000'] = ' '; // ideographic space
        table['\u3002'] = '.'; // 。 kept as a separator
        for (var i = 0; i + 1 < TraditionalPairs.Length; i += 2)
        {
            table[TraditionalPairs[i]] = TraditionalPairs[i + 1];
        }

        return table;
    }
}
