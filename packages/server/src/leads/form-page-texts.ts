/**
 * The words of the page a plain HTML form gets back (see form-page.ts), in the kit's three
 * locales. The elements have their own catalogs; these few are the server's, as no script runs.
 */
export type PageLocale = 'en' | 'zh-Hant' | 'zh-Hans';

export interface PageTexts {
  invalidTitle: string;
  invalidIntro: string;
  earlyTitle: string;
  earlyBody: string;
  expiredTitle: string;
  expiredBody: string;
  busyTitle: string;
  /** How long to wait, from Retry-After in seconds. */
  busyBody: (seconds: number) => string;
  failedTitle: string;
  tooLarge: string;
  gone: string;
  tryLater: string;
  thanksTitle: string;
  thanksBody: string;
  backLink: string;
  backHint: string;
  consent: string;
  /** One field's error, by the field's label. */
  field: Record<
    'required' | 'email' | 'phone' | 'country' | 'too_long' | 'other',
    (label: string, max?: number) => string
  >;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

const en: PageTexts = {
  invalidTitle: 'Please check the form',
  invalidIntro: 'The form was not sent. Correct these and send it again:',
  earlyTitle: 'Sent too quickly',
  earlyBody: 'The form was sent too soon after it opened. Wait a few seconds, then send it again.',
  expiredTitle: 'This form has expired',
  expiredBody: 'Reload the page with the form, then send it again. Reloading may clear what you typed: copy it first.',
  busyTitle: 'Too many submissions',
  busyBody: (s) =>
    s < 60 ? `Wait ${s} seconds, then send the form again.` : `Wait about ${minutes(s)} min, then send the form again.`,
  failedTitle: 'The form could not be sent',
  tooLarge: 'What you typed is too long.',
  gone: 'This form is no longer available.',
  tryLater: 'Please try again later.',
  thanksTitle: 'Thank you',
  thanksBody: 'Your message was sent.',
  backLink: 'Go back to the form',
  backHint: "Or use your browser's Back button; what you typed is kept.",
  consent: 'Consent',
  field: {
    required: (label) => `${label}: required.`,
    email: (label) => `${label}: enter an email address, e.g. name@example.com.`,
    phone: (label) => `${label}: use digits, spaces and + ( ) - . / only.`,
    country: (label) => `${label}: use a two-letter code, e.g. TW.`,
    too_long: (label, max) => `${label}: at most ${max} characters.`,
    other: (label) => `${label}: not valid.`,
  },
};

const zhHant: PageTexts = {
  invalidTitle: '請檢查表單',
  invalidIntro: '表單尚未送出。請修正以下項目後再送出一次：',
  earlyTitle: '送出得太快了',
  earlyBody: '表單在開啟後太快送出。請稍等幾秒，再送出一次。',
  expiredTitle: '這個表單已過期',
  expiredBody: '請重新載入表單頁面後再送出。重新載入可能會清除您填寫的內容，請先複製下來。',
  busyTitle: '送出次數過多',
  busyBody: (s) => (s < 60 ? `請等待 ${s} 秒後再送出一次。` : `請等待約 ${minutes(s)} 分鐘後再送出一次。`),
  failedTitle: '無法送出表單',
  tooLarge: '您填寫的內容太長了。',
  gone: '此表單目前無法使用。',
  tryLater: '請稍後再試。',
  thanksTitle: '謝謝您',
  thanksBody: '您的訊息已送出。',
  backLink: '返回表單',
  backHint: '或使用瀏覽器的「上一頁」按鈕；您填寫的內容會保留。',
  consent: '同意條款',
  field: {
    required: (label) => `${label}：必填。`,
    email: (label) => `${label}：請輸入電子郵件地址，例如 name@example.com。`,
    phone: (label) => `${label}：只能使用數字、空格及 + ( ) - . /。`,
    country: (label) => `${label}：請填寫兩個字母的代碼，例如 TW。`,
    too_long: (label, max) => `${label}：最多 ${max} 個字元。`,
    other: (label) => `${label}：無效。`,
  },
};

const zhHans: PageTexts = {
  invalidTitle: '请检查表单',
  invalidIntro: '表单尚未提交。请修正以下各项后再提交一次：',
  earlyTitle: '提交得太快了',
  earlyBody: '表单在打开后过快提交。请稍等几秒，再提交一次。',
  expiredTitle: '此表单已过期',
  expiredBody: '请重新加载表单页面后再提交。重新加载可能会清除您填写的内容，请先复制下来。',
  busyTitle: '提交次数过多',
  busyBody: (s) => (s < 60 ? `请等待 ${s} 秒后再提交一次。` : `请等待约 ${minutes(s)} 分钟后再提交一次。`),
  failedTitle: '无法提交表单',
  tooLarge: '您填写的内容太长了。',
  gone: '此表单目前无法使用。',
  tryLater: '请稍后再试。',
  thanksTitle: '谢谢您',
  thanksBody: '您的消息已提交。',
  backLink: '返回表单',
  backHint: '或使用浏览器的“后退”按钮；您填写的内容会保留。',
  consent: '同意条款',
  field: {
    required: (label) => `${label}：必填。`,
    email: (label) => `${label}：请输入电子邮件地址，例如 name@example.com。`,
    phone: (label) => `${label}：只能使用数字、空格及 + ( ) - . /。`,
    country: (label) => `${label}：请填写两个字母的代码，例如 CN。`,
    too_long: (label, max) => `${label}：最多 ${max} 个字符。`,
    other: (label) => `${label}：无效。`,
  },
};

export const PAGE_TEXTS: Record<PageLocale, PageTexts> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/** The kit's locale for a language tag (`zh-TW` → zh-Hant, `zh-CN` or bare `zh` → zh-Hans), or null. */
export function pageLocaleOf(tag: string): PageLocale | null {
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) {
    if (/^zh-(hant|tw|hk|mo)(-|$)/.test(t)) return 'zh-Hant';
    return 'zh-Hans';
  }
  return null;
}

/** The first of the visitor's languages (by quality) the kit speaks, else `fallback`'s, else English. */
export function chooseLocale(acceptLanguage: string | undefined, fallback: string | null | undefined): PageLocale {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim().match(/^q=([0-9.]+)$/)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of wanted) {
    const locale = pageLocaleOf(tag);
    if (locale) return locale;
  }
  return (fallback && pageLocaleOf(fallback)) || 'en';
}
