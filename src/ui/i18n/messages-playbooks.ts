/** Strings of the Playbooks dialog (see messages.ts for the rules). Playbooks' own titles and notes are bilingual in the engine. */
export const enPlaybooks = {
  'playbooks.open': 'Playbooks…',
  'playbooks.title': 'Playbooks',
  'playbooks.intro': 'A playbook adds ready metrics, parameters, tags, charts and a short note over a customer table. Everything it adds is ordinary notebook content you can edit or delete.',
  'playbooks.table': 'Customer table',
  'playbooks.noTable': 'Add a customer table first (+ Customer table): playbooks work on its metrics.',
  'playbooks.notBuilt': 'Build the customer table first: playbooks read its columns.',
  'playbooks.add': 'Add',
  'playbooks.adding': 'Adding…',
  'playbooks.missing': 'Needs {list}',
  'playbooks.added': 'Added “{title}”: {list}.',
  'playbooks.close': 'Close',
};

export const zhPlaybooks: Record<keyof typeof enPlaybooks, string> = {
  'playbooks.open': '运营方案…',
  'playbooks.title': '运营方案',
  'playbooks.intro': '运营方案会在客户表上添加现成的指标、参数、标签、图表和一段说明。添加的内容都是普通的笔记本内容，可以编辑或删除。',
  'playbooks.table': '客户表',
  'playbooks.noTable': '请先添加客户表（+ 客户表）：运营方案基于它的指标。',
  'playbooks.notBuilt': '请先生成客户表：运营方案需要读取它的列。',
  'playbooks.add': '添加',
  'playbooks.adding': '正在添加…',
  'playbooks.missing': '需要 {list}',
  'playbooks.added': '已添加“{title}”：{list}。',
  'playbooks.close': '关闭',
};
