/** VERIFY.md of the dossier: how to recheck the chain without this system. */
export const VERIFY_MD = `# 如何核验本档案 / How to verify this dossier

本档案（manifest.json）中的每条过程记录都以 SHA-256 哈希链相连。核验无需本系统。

## 1. 哈希覆盖的字段 / What each hash covers
For each entry of \`manifest.json\` → \`events\` (oldest first), take exactly these fields:

    decisionId, seq, type, payload, actor, occurredAt, stateBefore, stateAfter, machine, profile, prevHash

## 2. 规范化 JSON / Canonical JSON
Serialise that object as canonical JSON (RFC 8785 style): object keys sorted by
UTF-16 code units at every level, no whitespace, strings and numbers exactly as
JavaScript's \`JSON.stringify\` writes them, \`null\` kept, absent fields omitted.
Encode as UTF-8.

## 3. 核验规则 / Rules
- \`hash\` = lowercase hex SHA-256 of that text.
- \`seq\` runs 1, 2, 3 … without gaps.
- \`prevHash\` of seq 1 is 64 zeros; of every later entry, the \`hash\` of the entry before.
- The decision's \`lastHash\` is the \`hash\` of the last entry.
- Every file under \`materials/\` has the SHA-256 listed for it in \`manifest.materials\`
  and in the \`payload.materials\` of the events that cite it.

## 4. 示例 / Example with standard tools
Python 3 (standard library only):

    import json, hashlib
    m = json.load(open('manifest.json', encoding='utf-8'))
    prev = '0' * 64
    for i, e in enumerate(m['events'], start=1):
        keys = ['decisionId','seq','type','payload','actor','occurredAt','stateBefore','stateAfter','machine','profile','prevHash']
        body = {k: e[k] for k in keys if k in e}
        text = json.dumps(body, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
        assert e['seq'] == i and e['prevHash'] == prev, f'chain broken at seq {e["seq"]}'
        assert hashlib.sha256(text.encode('utf-8')).hexdigest() == e['hash'], f'hash mismatch at seq {e["seq"]}'
        prev = e['hash']
    assert prev == m['decision']['lastHash']
    print('OK', len(m['events']), 'events')

Materials: \`sha256sum materials/*\` and compare with \`manifest.json\`.

(Python's \`sort_keys\` orders by code point, which equals UTF-16 order for the
keys this system writes; numbers in payloads are integers.)
`;
