'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { param, serverAction } from '@/app/_server/action';
import { formValues } from '@/app/_server/forms';
import { getTranslator } from '@/app/_server/locale';
import { getDb } from '@/db/client';
import { StatementFormatError } from '@/lib/bank/client-bank-exchange';
import { findOrderOfPartner, importStatement, postPayment } from '@/lib/bank/import-statement';
import { createPartnerFromPayment } from '@/lib/bank/payer-partner';
import { checkStatementFile, MAX_STATEMENT_MB } from '@/lib/bank/statement-file';
import { dropStatementUpload, keepStatementUpload, statementUpload } from '@/lib/bank/statement-uploads';
import type { MessageKey } from '@/lib/i18n/messages';
import { errorText, formatDate, formatMoney } from '@/lib/i18n/translate';
import { roles } from '@/lib/users/users';
import { optionalText, requiredId } from '@/lib/validation/fields';

export type StatementRow = {
  number: string;
  date: string;
  amount: string;
  payer: string;
  purpose: string;
  partner: string;
  order: string;
  orderId: number | null;
  result: string;
  receiptId: number | null;
};
export type StatementState = {
  /** At the file field: none chosen, or too large. */
  fileError?: string;
  error?: string;
  summary?: string;
  dryRun?: boolean;
  rows?: StatementRow[];
  /** The statement's accounts that are not the organization's, to add in the catalog. */
  foreignAccounts?: string[];
  /** The checked file, kept for its import. */
  upload?: { id: string; fileName: string };
};

const uploadIdSchema = z.uuid();

/**
 * Checks (dry run) or imports an uploaded statement and returns what happened, line by line. A checked
 * file is kept server-side (lib/bank/statement-uploads.ts) and its id comes back to the form, so
 * «Загрузить и провести» right after «Проверить» imports it without the file being picked again; a
 * file picked anew wins.
 */
export const uploadStatement = serverAction(
  roles,
  [param.state, param.form],
  async (user, _state, data): Promise<StatementState> => {
    const { t, locale } = await getTranslator();
    const db = getDb();
    const checked = checkStatementFile(data.get('file'));
    const uploadId = uploadIdSchema.safeParse(data.get('upload')).data;
    let source: { fileName: string | null; content: Buffer; uploadId?: string };
    if (checked.ok) {
      source = { fileName: checked.file.name, content: Buffer.from(await checked.file.arrayBuffer()) };
    } else if (checked.error === 'required' && uploadId) {
      const kept = await statementUpload(db, user.id, uploadId);
      if (!kept) return { fileError: t('bank.uploadExpired') };
      source = { ...kept, uploadId };
    } else
      return {
        fileError:
          checked.error === 'required'
            ? t('bank.fileRequired')
            : t('bank.fileTooLarge', { size: MAX_STATEMENT_MB }),
      };
    const dryRun = data.get('mode') !== 'import';
    try {
      const { foreignAccounts, payments, ...counts } = await importStatement(db, source.content, {
        fileName: source.fileName,
        actor: user,
        dryRun,
      });
      let upload: StatementState['upload'];
      if (dryRun)
        upload = {
          id: source.uploadId ?? (await keepStatementUpload(db, user.id, source.fileName, source.content)),
          fileName: source.fileName ?? '',
        };
      else {
        if (source.uploadId) await dropStatementUpload(db, user.id, source.uploadId);
        revalidatePath('/treasury/bank-statements');
      }
      return {
        dryRun,
        upload,
        foreignAccounts,
        summary: t('bank.summary', counts),
        rows: payments.map((p) => ({
          number: p.payment.number,
          date: formatDate(locale, p.payment.date),
          amount: formatMoney(locale, p.payment.amount),
          payer: [p.payment.payerName, p.payment.payerInn && `ИНН ${p.payment.payerInn}`]
            .filter(Boolean)
            .join(', '),
          purpose: p.payment.purpose,
          partner: p.partner
            ? `${p.partner.name} (${t(p.partner.by === 'inn' ? 'bank.byInn' : 'bank.byAccount')})`
            : '',
          order: p.order?.number ?? '',
          orderId: p.order?.id ?? null,
          result: p.refusal
            ? t('bank.result.refused', { reason: errorText(t, p.refusal, locale) })
            : t(
                p.duplicate
                  ? 'bank.result.duplicate'
                  : !p.partner
                    ? 'bank.result.unmatched'
                    : dryRun
                      ? 'bank.result.wouldPost'
                      : 'bank.result.posted',
              ),
          receiptId: p.receiptId,
        })),
      };
    } catch (error) {
      if (!(error instanceof StatementFormatError)) throw error;
      return {
        error: t('bank.badFile', {
          line: error.line,
          reason: t(`bank.reason.${error.reason}` as MessageKey),
        }),
      };
    }
  },
);

const manualMatch = z.object({ paymentId: requiredId, partnerId: requiredId, orderNumber: optionalText });

/** Matches a stored payment to a client (and optionally an order by its number) and posts it. */
export const matchPayment = serverAction(roles, [param.form], async (user, data): Promise<void> => {
  const parsed = manualMatch.safeParse(formValues(data));
  // A refusal comes back to the page with what was typed, to show at that payment's row; a refused
  // receipt's reason is stored on the payment.
  const refuse = (error: 'partner' | 'order' | 'posting') =>
    redirect(
      `/treasury/bank-statements?${new URLSearchParams({
        error,
        payment: String(data.get('paymentId') ?? '').slice(0, 20),
        partnerId: String(data.get('partnerId') ?? '').slice(0, 20),
        orderNumber: String(data.get('orderNumber') ?? '').slice(0, 100),
      })}`,
    );
  if (!parsed.success) refuse('partner');
  const { paymentId, partnerId, orderNumber } = parsed.data!;
  const db = getDb();
  const orderId = orderNumber ? await findOrderOfPartner(db, partnerId, orderNumber) : null;
  if (orderNumber && !orderId) refuse('order');
  if (!(await postPayment(db, paymentId, partnerId, orderId, user)).ok) refuse('posting');
  revalidatePath('/treasury/bank-statements');
  redirect('/treasury/bank-statements');
});

/**
 * A client made from an unknown payer's INN, name and account, and the payment posted to it; the page
 * then says so at that payment, or why not.
 */
export const createPartnerFromPaymentAction = serverAction(
  roles,
  [param.form],
  async (user, data): Promise<void> => {
    const parsed = z.object({ paymentId: requiredId }).safeParse(formValues(data));
    if (!parsed.success) redirect('/treasury/bank-statements');
    const { paymentId } = parsed.data!;
    const result = await createPartnerFromPayment(getDb(), paymentId, user);
    revalidatePath('/treasury/bank-statements');
    if (!result.ok) {
      const reason = Object.values(result.errors)[0] ?? 'invalid';
      redirect(
        `/treasury/bank-statements?${new URLSearchParams({ payment: String(paymentId), error: 'newPartner', reason })}`,
      );
    }
    const { partnerId, outcome } = result as Extract<typeof result, { ok: true }>;
    redirect(
      `/treasury/bank-statements?${new URLSearchParams({
        partnerCreated: String(partnerId),
        ...(outcome.ok ? {} : { refusal: outcome.refusal }),
      })}`,
    );
  },
);
