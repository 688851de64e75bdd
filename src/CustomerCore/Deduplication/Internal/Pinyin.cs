using System.Collections.Frozen;
using System.Text;

namespace CustomerCore.Deduplication.Internal;

/// <summary>Maps common Chinese name characters to toneless pinyin, so homophones such as 张伟 and 章伟 compare as close.</summary>
/// <remarks>No pinyin package was available on the package feed, so this is a small built-in table of frequent surname
/// and given-name characters (Hanyu Pinyin, tones dropped). Characters outside it keep their own form.</remarks>
internal static class Pinyin
{
    private const string Table =
        "王wang 李li 张zhang 章zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao 林lin " +
        "罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 萧xiao 田tian 董dong 袁yuan 潘pan 于yu " +
        "蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang " +
        "范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 付fu 傅fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 严yan " +
        "段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang " +
        "伟wei 为wei 维wei 卫wei 炜wei 玮wei 威wei 薇wei 芳fang 娜na 敏min 静jing 丽li 立li 力li 强qiang 磊lei 军jun 君jun 俊jun 洋yang 阳yang " +
        "勇yong 艳yan 燕yan 杰jie 洁jie 娟juan 涛tao 明ming 铭ming 超chao 秀xiu 霞xia 平ping 萍ping 刚gang 桂gui 英ying 华hua 玉yu 宇yu 雨yu " +
        "红hong 宏hong 鸿hong 建jian 健jian 国guo 文wen 辉hui 慧hui 惠hui 鹏peng 玲ling 飞fei 浩hao 凯kai 婷ting 雪xue 琳lin 晨chen 欣xin 新xin " +
        "鑫xin 心xin 海hai 波bo 博bo 东dong 冬dong 峰feng 锋feng 斌bin 彬bin 亮liang 志zhi 智zhi 晓xiao 小xiao 春chun 梅mei 美mei 兰lan 岚lan " +
        "云yun 芸yun 颖ying 莹ying 佳jia 家jia 嘉jia 子zi 梓zi 思si 怡yi 一yi 毅yi 轩xuan 宣xuan 然ran 睿rui 瑞rui 安an 成cheng 诚cheng " +
        "天tian 龙long 金jin 山shan 生sheng 胜sheng 荣rong 蓉rong 福fu 贵gui 民min 建jian 永yong 正zheng 庆qing 青qing 清qing 晶jing 婧jing " +
        "泽ze 哲zhe 振zhen 震zhen 琪qi 琦qi 奇qi 祺qi 倩qian 茜qian 娇jiao 姣jiao 宁ning 凝ning 璐lu 露lu 路lu 鹿lu";

    private static readonly FrozenDictionary<char, string> s_map = Build();

    private static FrozenDictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>();
        foreach (var entry in Table.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map.TryAdd(entry[0], entry[1..]);
        }

        return map.ToFrozenDictionary();
    }

    /// <summary>Returns the toneless pinyin of every known character (unknown characters are kept), without separators.</summary>
    public static string Of(string text)
    {
        var sb = new StringBuilder(text.Length * 4);
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (s_map.TryGetValue(c, out var p))
            {
                sb.Append(p);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
