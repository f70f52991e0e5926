//! Tests of the gates on Chinese and Japanese text, written without spaces between words:
//! its full stops end sentences and its characters make words that counts between spaces miss.

use super::tests::ids;

const BODY: &str = "We considered the options, measured their availability and ran the datasets \
    through the parser twice. The cache kept every page it read, and the second run took a \
    third of the time of the first.\n";
#[test]
fn a_chinese_paragraph_without_its_full_stop_is_cut() {
    let doc = |last: &str| format!("# 报告\n\n{BODY}\n## 结论\n\n{last}\n");
    // Cut in the middle of a sentence: no 。 where every sentence before has one.
    assert!(ids(&doc("缓存命中率从 40% 提升到 85%。同时由于")).contains(&"truncated"));
    assert!(
        !ids(&doc(
            "缓存命中率从 40% 提升到 85%。同时由于写入变少，延迟下降了一半。"
        ))
        .contains(&"truncated")
    );
    // A short closing line needs no full stop.
    assert!(!ids(&doc("欢迎贡献")).contains(&"truncated"));
}

#[test]
fn a_short_chinese_document_has_a_body() {
    // Four sentences of Chinese are a body, as four of English are; counted between spaces
    // they were one or two words.
    let design = "# 缓存设计\n\n## 背景\n\n当前每次请求都会重新读取配置文件，高峰期磁盘读取占用了三成的响应时间。\n\n\
        ## 方案\n\n我们在进程内加一层缓存，配置变更时由文件监听器使其失效。\n\n\
        ## 替代方案\n\n也考虑过外部缓存服务，但它增加了一次网络往返和一个需要运维的组件。\n\n\
        ## 风险\n\n监听器失效时缓存可能过期，因此同时设置五分钟的过期时间。\n";
    assert!(!ids(design).contains(&"empty-body"), "{:?}", ids(design));
    // Two sentences are no body in Chinese either, however long: a full stop that ends its
    // paragraph is the sentence the split already counted.
    let two = "# 缓存设计\n\n## 背景\n\n当前每次请求都会重新读取配置文件，高峰期磁盘读取占用了三成的响应时间，\
        这在流量增长之后已经成为主要的瓶颈之一。\n\n## 方案\n\n我们在进程内加一层缓存，配置变更时由文件\
        监听器使其失效，这样既不增加外部依赖也不增加网络往返。\n";
    assert!(ids(two).contains(&"empty-body"), "{:?}", ids(two));
    // A body in one section and nothing under most others is still no body.
    let hollow = format!(
        "{}\n## 监控\n\n## 回滚\n\n## 测试\n\n## 发布\n\n## 文档\n",
        design.trim_end()
    );
    assert!(ids(&hollow).contains(&"empty-body"), "{:?}", ids(&hollow));
    // Headings with a line each under them are still no body.
    let bare = "# 缓存设计\n\n## 背景\n\n见下文\n\n## 方案\n\n加缓存\n\n## 风险\n\n无\n";
    assert!(ids(bare).contains(&"empty-body"));
}
