/** Strings of the search box, owners and reassignment (issue 13), in both languages. */
export const enTeamDay = {
  'search.covers': 'Searches {fields}',
  'search.coversInFull': 'on customers you read in full (such as your own) also {fields}',
  'search.coversExact': 'a whole phone number or e-mail typed in full finds {fields}',
  'search.nothing': 'Nothing here can be searched for your role.',
  'search.firstOnly': 'The first {n} of {total} matches; type more to narrow the search.',
} as const;

export const zhTeamDay: Record<keyof typeof enTeamDay, string> = {
  'search.covers': '搜索范围：{fields}',
  'search.coversInFull': '在您能完整查看的客户中（如您自己的客户）还搜索：{fields}',
  'search.coversExact': '输入完整的手机号或邮箱可查找：{fields}',
  'search.nothing': '此处没有您的角色可搜索的字段。',
  'search.firstOnly': '共 {total} 条匹配，显示前 {n} 条；请输入更多内容缩小范围。',
};
