/** The subject-rights messages a user sees, in both languages (fields named by title, never a value). */
const MESSAGES = {
  partial: {
    en: 'Type the whole phone number, e-mail address or ID number: a part of one is never searched.',
    'zh-CN': '请输入完整的手机号、电子邮箱或证件号码：系统不会按部分号码查找。',
  },
  noSubjectFields: {
    en: 'No published template names searchable data-subject fields (subject fields with exact search).',
    'zh-CN': '没有已发布的模板声明可查找的数据主体字段（设置了精确查找的主体字段）。',
  },
  held: {
    en: 'This person is under a legal hold: erasure is paused until compliance releases the hold.',
    'zh-CN': '此人处于法律保全（诉讼保留）之下：在合规人员解除保全之前，不能删除其信息。',
  },
  notFound: {
    en: 'Nothing is held about this person: no record matches the value in a subject field.',
    'zh-CN': '未找到与此人相关的信息：没有记录的主体字段与该值匹配。',
  },
  noHold: {
    en: 'No active legal hold has this id.',
    'zh-CN': '没有此编号的有效法律保全。',
  },
} as const;

type SubjectMessage = keyof typeof MESSAGES;

export function subjectMessage(key: SubjectMessage, locale: 'zh-CN' | 'en'): string {
  return MESSAGES[key][locale];
}
