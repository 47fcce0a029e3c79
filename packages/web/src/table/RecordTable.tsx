import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { ColumnInfo, ProjectedRecord } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { href } from '../app/router.js';
import { useMedia } from '../app/useMedia.js';
import { usePeople } from '../app/usePeople.js';
import { Lock } from '../components/Lock.js';
import { valuesAt } from '../form/pointers.js';
import { formatCell } from './formatCell.js';
import { ownerColumns, ownerLabel } from './ownerColumns.js';

export interface RecordTableProps {
  templateId: string;
  columns: ColumnInfo[];
  rows: ProjectedRecord[];
  /** Called when the viewer scrolls near the end and more rows exist. */
  onNearEnd?: () => void;
}

/** A virtualised table: only the rows on screen are in the DOM, so thousands scroll smoothly. */
export function RecordTable({ templateId, columns, rows, onNearEnd }: RecordTableProps) {
  const { locale, t } = useI18n();
  const people = usePeople();
  // Owner ids are shown as names (or "colleague"), never as raw user ids.
  const owners = useMemo(() => ownerColumns(columns, rows, people), [columns, rows, people]);
  const phone = useMedia('(max-width: 640px)');
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (phone ? 96 : 44),
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20) onNearEnd?.();
  }, [last, rows.length, onNearEnd]);
  // The first column names the customer: it gets twice the room so names are not cut short.
  const template = phone
    ? undefined
    : `minmax(12rem, 2fr) ${columns.length > 1 ? `repeat(${columns.length - 1}, minmax(8rem, 1fr))` : ''}`;
  return (
    <div className="table">
      {!phone && (
        <div className="thead" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.path} className="th">
              {c.title}
            </div>
          ))}
        </div>
      )}
      <div ref={scroller} className="tbody" data-testid="record-table">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const masked = new Set(row.masked);
            return (
              <a
                key={row.id}
                className={phone ? 'tr card-row' : 'tr'}
                href={href(['records', templateId, row.id])}
                data-record-id={row.id}
                data-index={item.index}
                ref={phone ? virtualizer.measureElement : undefined}
                style={{
                  transform: `translateY(${item.start}px)`,
                  ...(phone ? {} : { height: item.size }),
                  gridTemplateColumns: template,
                }}
              >
                {columns.map((c, i) => {
                  const values = valuesAt(row.data, c.path);
                  const isMasked = values.some((v) => masked.has(v.pointer));
                  const text = owners.has(c.path)
                    ? ownerLabel(values[0]?.value, row.relation, people, t)
                    : formatCell(
                        c,
                        values.map((v) => v.value),
                        locale,
                      );
                  return (
                    <div
                      key={c.path}
                      className={i === 0 ? 'td lead' : 'td'}
                      data-masked={isMasked || undefined}
                    >
                      {phone && i > 0 && <span className="cell-label">{c.title}</span>}
                      {isMasked && <Lock />}
                      <span>{text}</span>
                    </div>
                  );
                })}
              </a>
            );
          })}
        </div>
      </div>
    </div>
  );
}
