import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { FieldSpec, FormValues } from '@/app/_components/types';
import { requireDocumentOf } from '@/app/_documents/guard';
import { SendEmailForm } from '@/app/_email/SendEmailForm';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { kindName, kindSection, printFormsOf } from '@/lib/documents/kinds';
import { composeEmail } from '@/lib/email/compose';
import { type EmailTemplateKey, templatesFor } from '@/lib/email/templates';
import { formatDate, type Translate } from '@/lib/i18n/translate';
import { sendDocumentEmailAction } from './actions';
import '@/app/_email/email.css';
import { localPath } from '@/lib/validation/local-path';

/**
 * Отправка по эл. почте: a template for the document's kind, the recipient from the contact person, the
 * subject and text to edit, the print forms to attach. `?template=` picks another template's text;
 * `?back=` is where to return after sending (the interest card).
 */
export default async function SendDocumentEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { kind: slug, id } = await params;
  const { kind, doc } = await requireDocumentOf(slug, id);
  if (doc.status === 'deleted') notFound();
  const search = await searchParams;
  const { t, locale } = await getTranslator();
  const db = getDb();
  const documentId = doc.id;
  const back = localPath(search.back);
  const templates = templatesFor(kind);
  const template = templates.find((k) => k === search.template) ?? templates[0];
  const draft = template ? await composeEmail(db, documentId, template) : null;

  const header = (
    <header className="page-header">
      <div>
        <p className="breadcrumb">
          <Link href={`/documents/${slug}`}>{kindSection(kind, locale)}</Link> ›{' '}
          <Link href={`/documents/${slug}/${doc.id}`}>
            {t('documents.heading', {
              kind: kindName(kind, locale),
              number: doc.number,
              date: formatDate(locale, doc.date),
            })}
          </Link>
        </p>
        <h1>{t('email.send.title')}</h1>
      </div>
    </header>
  );
  if (!template || !draft) {
    return (
      <>
        {header}
        <p className="notice muted">{t('email.noTemplates')}</p>
      </>
    );
  }

  const fields: FieldSpec[] = [
    {
      name: 'to',
      label: `${t('email.field.to')} (${t('email.field.toHint')})`,
      type: 'text',
      required: true,
      wide: true,
    },
    { name: 'subject', label: t('email.field.subject'), type: 'text', required: true, wide: true },
    { name: 'body', label: t('email.field.body'), type: 'textarea', required: true, wide: true },
  ];
  const attachments = printFormsOf(kind).flatMap((form) =>
    (['pdf', 'xlsx'] as const).map((format) => ({
      name: `attach:${form}:${format}`,
      label: `${t(`email.form.${form}`)}, ${format.toUpperCase()}`,
    })),
  );
  const values: FormValues = {
    template,
    to: draft.to.join(', '),
    subject: draft.subject,
    body: draft.body,
    ...Object.fromEntries(draft.attachments.map((a) => [`attach:${a.form}:${a.format}`, 'on'])),
  };
  return (
    <>
      {header}
      <TemplateSwitch templates={templates} current={template} back={back} t={t} />
      {draft.to.length === 0 && (
        <p className="form-error" role="alert">
          {t('email.noAddress')}
        </p>
      )}
      <SendEmailForm
        // Another template brings other defaults: start the form afresh.
        key={template}
        action={sendDocumentEmailAction.bind(null, slug, documentId, back)}
        fields={fields}
        attachments={attachments}
        values={values}
        labels={{ attachments: t('email.field.attachments'), submit: t('email.send') }}
      />
    </>
  );
}

/** A plain GET form: choosing a template reloads the page with that template's subject and text. */
function TemplateSwitch({
  templates,
  current,
  back,
  t,
}: {
  templates: EmailTemplateKey[];
  current: EmailTemplateKey;
  back: string | null;
  t: Translate;
}) {
  return (
    <form method="get" className="template-switch">
      <label htmlFor="template">{t('email.field.template')}</label>
      <select id="template" name="template" defaultValue={current}>
        {templates.map((key) => (
          <option key={key} value={key}>
            {t(`email.template.${key}`)}
          </option>
        ))}
      </select>
      {back && <input type="hidden" name="back" value={back} />}
      <button type="submit">{t('email.applyTemplate')}</button>
    </form>
  );
}
