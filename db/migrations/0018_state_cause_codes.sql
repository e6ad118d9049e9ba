ALTER TABLE "interest_events" ADD COLUMN "cause_code" text;--> statement-breakpoint
ALTER TABLE "interest_events" ADD COLUMN "cause_params" jsonb;--> statement-breakpoint
-- The automation wrote its causes as Russian sentences (lib/crm/interest-automation.ts before this
-- migration); each becomes its code and parameters, rendered in the reader's language from now on.
UPDATE "interest_events" e SET "cause_code" = c.code, "cause_params" = c.params
FROM (
  SELECT id,
    CASE
      WHEN cause = 'Отгрузка или оплата по заказу отменена' THEN 'undone_won'
      WHEN cause = 'Оплата по заказам отменена' THEN 'undone_shipment_control'
      WHEN cause = 'Проведение заказа отменено' THEN 'undone_awaiting_payment'
      WHEN cause = 'Коммерческое предложение больше не отправлено' THEN 'undone_offer_sent'
      WHEN cause = 'Товары интереса удалены' THEN 'undone_consultation'
      WHEN cause = 'Факты изменились' THEN 'facts_changed'
      WHEN cause ~ '^Заказ № \S+ отгружен и оплачен' THEN 'order_done'
      WHEN cause ~ '^Поступила оплата .+, поступление № \S+$' THEN 'payment_received'
      WHEN cause = 'Поступила оплата по заказу' THEN 'order_paid'
      WHEN cause ~ '^Проведён заказ клиента № \S+$' THEN 'order_posted'
      WHEN cause ~ '^Клиенту отправлено коммерческое предложение № \S+$' THEN 'offer_sent'
      WHEN cause ~ '^Подобраны товары: \d+$' THEN 'products_chosen'
      WHEN cause = 'Нет подобранных товаров' THEN 'no_products'
      ELSE 'text'
    END AS code,
    CASE
      WHEN cause ~ '^Заказ № \S+ отгружен и оплачен' THEN
        jsonb_build_object('number', (regexp_match(cause, '^Заказ № (\S+)'))[1])
      WHEN cause ~ '^Поступила оплата .+, поступление № \S+$' THEN jsonb_build_object(
        'amount', replace(regexp_replace((regexp_match(cause, '^Поступила оплата (.+), поступление'))[1],
          '[^0-9,]', '', 'g'), ',', '.'),
        'number', (regexp_match(cause, 'поступление № (\S+)$'))[1])
      WHEN cause ~ '^Проведён заказ клиента № \S+$' THEN
        jsonb_build_object('number', (regexp_match(cause, '№ (\S+)$'))[1])
      WHEN cause ~ '^Клиенту отправлено коммерческое предложение № \S+$' THEN
        jsonb_build_object('number', (regexp_match(cause, '№ (\S+)$'))[1])
      WHEN cause ~ '^Подобраны товары: \d+$' THEN
        jsonb_build_object('count', ((regexp_match(cause, '(\d+)$'))[1])::int)
      WHEN cause IN ('Отгрузка или оплата по заказу отменена', 'Оплата по заказам отменена',
        'Проведение заказа отменено', 'Коммерческое предложение больше не отправлено',
        'Товары интереса удалены', 'Факты изменились', 'Поступила оплата по заказу',
        'Нет подобранных товаров') THEN NULL
      ELSE jsonb_build_object('text', cause)
    END AS params
  FROM "interest_events" WHERE cause IS NOT NULL
) c
WHERE c.id = e.id;--> statement-breakpoint
ALTER TABLE "interest_events" DROP COLUMN "cause";
