import Link from 'next/link';
import { PrintButton } from '@/app/_components/PrintButton';
import type { Translate } from '@/lib/i18n/translate';

/**
 * Every link of a print page in one bar: back to the document on the left, the form's layouts as one
 * segmented choice, then the files and the print button on the right. Hidden on paper.
 */
export function PrintToolbar({
  t,
  back,
  forms = [],
  files = [],
}: {
  t: Translate;
  back: { href: string; label: string };
  forms?: { href: string; label: string; current: boolean }[];
  files?: { href: string; label: string }[];
}) {
  return (
    <nav className="print-toolbar no-print" aria-label={t('documents.print.toolbar')}>
      <Link className="button" href={back.href}>
        ← {back.label}
      </Link>
      {forms.length > 1 && (
        <span className="segmented">
          {forms.map((form) => (
            <Link key={form.href} href={form.href} aria-current={form.current ? 'page' : undefined}>
              {form.label}
            </Link>
          ))}
        </span>
      )}
      <span className="print-toolbar-actions">
        {files.map((file) => (
          <a key={file.href} className="button" href={file.href}>
            {file.label}
          </a>
        ))}
        <PrintButton label={t('common.print')} />
      </span>
    </nav>
  );
}
