import type { Template } from '@veil/schema';
import { useBuilderText } from './builderText.js';
import { listFields } from './schemaPaths.js';

/** The template's own settings: id, titles in both languages, the owner field, the due date and the field that titles a record. */
export function TemplateSettings(props: {
  template: Template;
  edit: (recipe: (draft: Template) => void, group?: string) => void;
  idLocked: boolean;
}) {
  const tx = useBuilderText();
  const { template, edit } = props;
  const rows = listFields(template.schema).filter((r) => !r.path.includes('/*/'));
  const strings = rows.filter((r) => r.node.type === 'string' && r.node.format === undefined);
  const dates = rows.filter((r) => r.node.format === 'date');
  return (
    <section className="bld-section" data-testid="template-settings">
      <div className="bld-grid2">
        <label>
          <span>{tx('tplId')}</span>
          <input
            data-testid="template-id"
            value={template.id}
            disabled={props.idLocked}
            onChange={(e) => {
              const id = e.target.value.toLowerCase().replace(/[^a-z0-9-]/g, '');
              edit((d) => {
                d.id = id;
              }, 'template-id');
            }}
          />
        </label>
        <label>
          <span>{tx('tplOwner')}</span>
          <select
            data-testid="template-owner"
            value={template.owner}
            onChange={(e) => {
              const owner = e.target.value;
              edit((d) => {
                d.owner = owner;
              });
            }}
          >
            {!strings.some((r) => r.path === template.owner) && (
              <option value={template.owner}>{template.owner}</option>
            )}
            {strings.map((r) => (
              <option key={r.path} value={r.path}>
                {r.node.title ?? r.key} ({r.path})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{tx('tplTitleZh')}</span>
          <input
            data-testid="template-title-zh"
            value={template.title}
            onChange={(e) => {
              const title = e.target.value;
              edit((d) => {
                d.title = title;
                d.schema.title = title;
              }, 'template-title-zh');
            }}
          />
        </label>
        <label>
          <span>{tx('tplTitleEn')}</span>
          <input
            data-testid="template-title-en"
            value={template.i18n?.en?.title ?? ''}
            onChange={(e) => {
              const title = e.target.value;
              edit((d) => {
                d.i18n = { ...(d.i18n ?? {}), en: { ...(d.i18n?.en ?? {}), title } };
                d.schema['x-i18n'] = {
                  ...(d.schema['x-i18n'] ?? {}),
                  en: { ...(d.schema['x-i18n']?.en ?? {}), title },
                };
              }, 'template-title-en');
            }}
          />
        </label>
        <label>
          <span>{tx('tplDue')}</span>
          <select
            data-testid="template-due"
            value={template.due ?? ''}
            onChange={(e) => {
              const due = e.target.value;
              edit((d) => {
                if (due === '') delete d.due;
                else d.due = due;
              });
            }}
          >
            <option value="">{tx('none')}</option>
            {dates.map((r) => (
              <option key={r.path} value={r.path}>
                {r.node.title ?? r.key} ({r.path})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{tx('tplRecordTitle')}</span>
          <select
            data-testid="template-record-title"
            value={template.recordTitle ?? ''}
            onChange={(e) => {
              const field = e.target.value;
              edit((d) => {
                if (field === '') delete d.recordTitle;
                else d.recordTitle = field;
              });
            }}
          >
            <option value="">{tx('none')}</option>
            {rows
              .filter((r) => r.node.type === 'string' && r.path !== template.owner)
              .map((r) => (
                <option key={r.path} value={r.path}>
                  {r.node.title ?? r.key} ({r.path})
                </option>
              ))}
          </select>
        </label>
      </div>
    </section>
  );
}
