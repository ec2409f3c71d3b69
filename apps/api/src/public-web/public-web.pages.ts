import type { PublicConsultationService } from '@app/participation';

type Consultation = Awaited<ReturnType<PublicConsultationService['get']>>;

/** Asset paths of the page (served by PublicWebController). */
export const ASSETS = { css: '/assets/public-consultation.css', js: '/assets/public-consultation.js' } as const;

const CATEGORY_LABELS: Record<string, string> = {
  PUBLIC_POLICY: '重大公共政策和措施',
  DEVELOPMENT_PLAN: '经济和社会发展重要规划',
  RESOURCE_POLICY: '重要自然和文化资源开发利用保护政策',
  CONSTRUCTION_PROJECT: '重大公共建设项目',
  OTHER_MAJOR: '其他重大事项',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and attribute values. */
export const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
/** An instant as Beijing time, e.g. 2026年5月1日 09:00. */
const when = (iso: string) => dateTime.format(new Date(iso));

function layout(title: string, body: string, script = false): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${ASSETS.css}">
</head>
<body>
<header><h1>重大行政决策公开征求意见</h1><p>依据《重大行政决策程序暂行条例》，决策草案及其说明向社会公开征求意见</p></header>
<main>
${body}
</main>
<footer>公众提交的意见将由决策承办单位研究处理，采纳情况在意见采纳情况报告中逐条说明；联系方式仅供承办单位使用，不予公开。</footer>
${script ? `<script src="${ASSETS.js}" defer></script>` : ''}
</body>
</html>`;
}

const query = (jurisdiction?: string) => (jurisdiction ? `?jurisdiction=${encodeURIComponent(jurisdiction)}` : '');

/** The list of open consultations. */
export function consultationListPage(items: Consultation[], jurisdiction?: string): string {
  const cards = items.map(
    (c) => `<article class="card">
<h2><a href="/consultations/${esc(c.decisionId)}${esc(query(jurisdiction))}">${esc(c.title)}</a></h2>
<p class="meta">类别：${esc(CATEGORY_LABELS[c.category] ?? c.category)}　承办单位：${esc(c.undertakingUnit)}</p>
<p class="meta">征求意见期限：${esc(when(c.startsAt))} 至 ${esc(when(c.endsAt))}　已收到意见 ${c.comments} 条</p>
</article>`,
  );
  const body = cards.length ? cards.join('\n') : '<p class="empty">目前没有正在公开征求意见的决策草案。</p>';
  return layout('公开征求意见', `<h2>正在征求意见的决策草案</h2>\n${body}`);
}

/** One consultation: the draft, its explanation, and the comment form. */
export function consultationPage(c: Consultation, jurisdiction?: string): string {
  const draft = c.draft.text !== null
    ? `<div class="draft">${esc(c.draft.text)}</div>`
    : c.draft.material
      ? `<p><a href="/api/public/consultations/${esc(c.decisionId)}/draft">下载草案全文：${esc(c.draft.material.filename)}</a>（SHA-256：${esc(c.draft.material.sha256)}）</p>`
      : '<p class="empty">草案全文暂未提供。</p>';
  const body = `<p><a href="/${esc(query(jurisdiction))}">← 返回列表</a></p>
<article class="card">
<h2>${esc(c.title)}</h2>
<p class="meta">类别：${esc(CATEGORY_LABELS[c.category] ?? c.category)}　承办单位：${esc(c.undertakingUnit)}</p>
<p class="meta">征求意见期限：${esc(when(c.startsAt))} 至 ${esc(when(c.endsAt))}</p>
${c.channels.length ? `<p class="meta">征求意见渠道：${esc(c.channels.join('、'))}</p>` : ''}
${c.summary ? `<p>${esc(c.summary)}</p>` : ''}
${c.explanation ? `<h3>起草说明</h3>\n<div class="draft">${esc(c.explanation)}</div>` : ''}
<h3>草案全文</h3>
${draft}
</article>
<section class="card">
<h2>提交意见</h2>
<form id="comment-form" method="post" action="/api/public/consultations/${esc(c.decisionId)}/comments">
<label for="content">意见内容（必填，最多 5000 字）</label>
<textarea id="content" name="content" rows="8" maxlength="5000" required></textarea>
<label for="name">姓名（选填）</label>
<input id="name" name="name" maxlength="100" autocomplete="name">
<label for="contact">联系方式（选填，仅供承办单位联系，不予公开）</label>
<input id="contact" name="contact" maxlength="200">
<button type="submit">提交意见</button>
<p id="form-status" class="status" role="status" aria-live="polite"></p>
</form>
</section>`;
  return layout(`${c.title}（征求意见稿）`, body, true);
}

/** The page of a consultation that is not (or no longer) open. */
export function notFoundPage(): string {
  return layout('未找到', '<p class="empty">该决策草案未在公开征求意见，或征求意见期限已届满。</p><p><a href="/">返回列表</a></p>');
}
