/**
 * Who may use what: every page, route handler and server action of the app, the roles it lets in and
 * the ownership rule it holds a manager to (README «Who may change what»). `access-matrix.spec.ts`
 * walks this table as an anonymous visitor, each role and another manager, and fails when the app has
 * an endpoint the table does not list — a new endpoint is not done until it has a row here.
 *
 * Each row's `probe` is a request that changes something of Анна Иванова's (`fx`, made by the spec),
 * so a refusal can be checked to have written nothing.
 */
import type { Role } from '@/lib/users/users';

/** What the spec creates for the probes, all Ивановa's unless named otherwise. */
export type Fixtures = {
  ivanova: number;
  partnerId: number;
  contactId: number;
  interestId: number;
  offerId: number;
  orderId: number;
  interactionId: number;
  taskId: number;
  emailId: number;
  attachmentId: number;
  productId: number;
  warehouseId: number;
  paymentId: number;
  jobId: number;
  /** A manager account for the admin's user commands. */
  userId: number;
  lossReasonId: number;
  /** A posted sales plan with a line for Иванова. */
  planId: number;
  /** A screen-pop of a call from Ивановa's client (closed: see access-fixtures). */
  callPopId: number;
  /** A delivery task of Ивановa's, being formed, without stops. */
  deliveryId: number;
};

export type Probe =
  | { action: string; args: (fx: Fixtures) => unknown[] }
  | {
      method: 'GET' | 'POST';
      url: (fx: Fixtures) => string;
      form?: (fx: Fixtures) => Record<string, string>;
    };

export type Row = {
  /** `page /path`, `GET /path` (route handler) or `action file#export`. */
  endpoint: string;
  /** Who gets in; `public` takes anonymous visitors too. */
  roles: readonly Role[] | 'public';
  /** The ownership rule, when a manager may change only what is theirs (another manager is refused). */
  owner?: string;
  probe: Probe;
  /** How the endpoint refuses a request it lets in but cannot serve, when not with messages at fields. */
  refusal?: 'not-found' | 'login';
  /**
   * Fuzzed as a visitor, not as the admin: retiring the demo accounts has no input to fuzz, and done
   * it would end every other test's sign-in.
   */
  fuzzAnonymously?: true;
  /** The probe ends the caller's session (sign-out): the spec signs in again after it. */
  endsSession?: true;
};

const everyone: readonly Role[] = ['manager', 'leader', 'admin'];
const admins: readonly Role[] = ['admin'];
const leaders: readonly Role[] = ['leader', 'admin'];
const page = (path: string, url: (fx: Fixtures) => string, roles = everyone): Row => ({
  endpoint: `page ${path}`,
  roles,
  probe: { method: 'GET', url },
});
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

const interestForm = (fx: Fixtures) =>
  form({
    title: 'Матрица: кондиционеры',
    partnerId: String(fx.partnerId),
    responsibleId: String(fx.ivanova),
  });
const offerForm = (fx: Fixtures) =>
  form({
    date: '2026-11-20T10:00',
    partnerId: String(fx.partnerId),
    warehouseId: String(fx.warehouseId),
    interestId: String(fx.interestId),
    validUntil: '2030-12-31',
    'lines.0.productId': String(fx.productId),
    'lines.0.quantity': '1',
    'lines.0.price': '9000',
    intent: 'save',
  });
const documentRule = "the document's responsible manager, or its interest's";
const deliveryRule = "the delivery task's responsible manager (its author)";
/** Every dashboard widget shown, in the default order (the probe leaves the dashboards as they were). */
const allWidgets = () => {
  const data = new FormData();
  for (const key of ['plan', 'funnel', 'outcomes', 'discipline', 'sources', 'losses', 'debts', 'profit']) {
    data.append('order', key);
    data.append('show', key);
  }
  return data;
};

export const matrix: Row[] = [
  // Pages: everyone signed in reads; administration is the admins'.
  { endpoint: 'page /login', roles: 'public', probe: { method: 'GET', url: () => '/login' } },
  {
    endpoint: 'page /login/setup',
    roles: 'public',
    // Only with the one-time token, while no administrator exists.
    refusal: 'not-found',
    probe: { method: 'GET', url: () => '/login/setup?token=x' },
  },
  page('/', () => '/'),
  page('/logout', () => '/logout'),
  page('/workplace', () => '/workplace'),
  page('/workplace/frames/inbox', () => '/workplace/frames/inbox'),
  page('/workplace/frames/kanban', () => '/workplace/frames/kanban'),
  page('/workplace/frames/tasks', () => '/workplace/frames/tasks'),
  page('/workplace/frames/calendar', () => '/workplace/frames/calendar'),
  page('/crm/interests', () => '/crm/interests'),
  page('/crm/interests/new', (fx) => `/crm/interests/new?partner=${fx.partnerId}`),
  page('/crm/interests/[id]', (fx) => `/crm/interests/${fx.interestId}`),
  page('/crm/interests/[id]/frames/[frame]', (fx) => `/crm/interests/${fx.interestId}/frames/feed`),
  page('/crm/availability/[productId]', (fx) => `/crm/availability/${fx.productId}`),
  page('/crm/tasks', () => '/crm/tasks'),
  page('/crm/calendar', () => '/crm/calendar'),
  page('/catalogs/[catalog]', () => '/catalogs/partners'),
  page('/catalogs/[catalog]/new', () => '/catalogs/partners/new'),
  page('/catalogs/[catalog]/[id]', (fx) => `/catalogs/partners/${fx.partnerId}`),
  page('/documents/[kind]', () => '/documents/orders'),
  page('/documents/[kind]/new', () => '/documents/offers/new'),
  page('/documents/[kind]/[id]', (fx) => `/documents/orders/${fx.orderId}`),
  page('/documents/[kind]/[id]/print', (fx) => `/documents/offers/${fx.offerId}/print`),
  page('/documents/[kind]/[id]/send', (fx) => `/documents/offers/${fx.offerId}/send`),
  page('/outbox', () => '/outbox'),
  page('/outbox/[id]', (fx) => `/outbox/${fx.emailId}`),
  page('/price-list', () => '/price-list'),
  page('/products/[id]', (fx) => `/products/${fx.productId}`),
  page('/reports/stock-availability', () => '/reports/stock-availability'),
  page('/reports/warehouse-statement', () => '/reports/warehouse-statement'),
  page('/treasury/bank-statements', () => '/treasury/bank-statements'),
  page('/reports/cash-balances', () => '/reports/cash-balances'),
  page('/reports/payment-calendar', () => '/reports/payment-calendar?days=90'),
  page('/reports/manager-control', () => '/reports/manager-control?stalled=7'),
  page('/reports/interest-sources', () => '/reports/interest-sources?from=2026-01-01&to=2026-12-31'),
  page('/reports/loss-reasons', () => '/reports/loss-reasons'),
  page('/reports/client-settlements', (fx) => `/reports/client-settlements?partner=${fx.partnerId}`),
  page('/reports/supplier-settlements', () => '/reports/supplier-settlements'),
  page('/purchases/what-to-order', () => '/purchases/what-to-order'),
  page('/reports/gross-profit', () => '/reports/gross-profit?variant=month'),
  page('/reports/plan-fulfilment', () => '/reports/plan-fulfilment'),
  page('/delivery', () => '/delivery?status=forming'),
  page('/delivery/new', () => '/delivery/new'),
  page('/delivery/[id]', (fx) => `/delivery/${fx.deliveryId}`),
  page('/delivery/[id]/print', (fx) => `/delivery/${fx.deliveryId}/print?form=loading`),
  page('/planning/sales-plans', () => '/planning/sales-plans'),
  // Making a plan is the leaders' and admins'; a manager reads their own lines.
  page('/planning/sales-plans/new', () => '/planning/sales-plans/new', ['leader', 'admin']),
  {
    endpoint: 'page /planning/sales-plans/[id]',
    roles: everyone,
    owner: 'a manager reads a plan only for the lines of theirs',
    probe: { method: 'GET', url: (fx) => `/planning/sales-plans/${fx.planId}` },
  },
  page('/admin/users', () => '/admin/users', admins),
  page('/admin/users/new', () => '/admin/users/new', admins),
  page('/admin/users/[id]', (fx) => `/admin/users/${fx.userId}`, admins),
  page('/admin/settings', () => '/admin/settings', admins),
  page('/dashboard', () => '/dashboard', leaders),
  page('/admin/jobs', () => '/admin/jobs', admins),
  page('/admin/audit', () => '/admin/audit', admins),
  page('/admin/telephony', () => '/admin/telephony', admins),
  // Loading data writes catalogs and opening balances for everyone: the leaders' and admins'.
  page('/admin/loading', () => '/admin/loading', leaders),
  {
    endpoint: 'page /admin/loading/[id]',
    roles: leaders,
    // The fixtures have no load.
    refusal: 'not-found',
    probe: { method: 'GET', url: () => '/admin/loading/999999' },
  },
  {
    endpoint: 'page /admin/loading/[id]/progress',
    roles: leaders,
    refusal: 'not-found',
    probe: { method: 'GET', url: () => '/admin/loading/999999/progress' },
  },
  page('/telephony/pops', () => '/telephony/pops'),

  // Route handlers.
  { endpoint: 'GET /api/health', roles: 'public', probe: { method: 'GET', url: () => '/api/health' } },
  { endpoint: 'GET /api/ready', roles: 'public', probe: { method: 'GET', url: () => '/api/ready' } },
  {
    endpoint: 'GET /api/metrics',
    roles: 'public',
    // Behind its own token (TORG_METRICS_TOKEN); off, as in the e2e run, it is not there.
    refusal: 'not-found',
    probe: { method: 'GET', url: () => '/api/metrics' },
  },
  {
    endpoint: 'GET /api/auth/[...nextauth]',
    roles: 'public',
    probe: { method: 'GET', url: () => '/api/auth/session' },
  },
  {
    endpoint: 'POST /api/auth/[...nextauth]',
    roles: 'public',
    // next-auth's own endpoints refuse a post without its CSRF token by sending back to sign-in.
    refusal: 'login',
    probe: { method: 'POST', url: () => '/api/auth/signout' },
  },
  {
    endpoint: 'GET /api/lookup/[name]',
    roles: everyone,
    probe: { method: 'GET', url: () => '/api/lookup/partners?q=Мат' },
  },
  {
    endpoint: 'GET /api/search',
    roles: everyone,
    probe: { method: 'GET', url: () => '/api/search?q=Мат' },
  },
  {
    endpoint: 'GET /api/attachments/[id]',
    roles: everyone,
    probe: { method: 'GET', url: (fx) => `/api/attachments/${fx.attachmentId}` },
  },
  {
    endpoint: 'GET /api/live',
    roles: everyone,
    probe: { method: 'GET', url: (fx) => `/api/live?topics=interest:${fx.interestId},kanban` },
  },
  {
    endpoint: 'GET /export/[report]',
    roles: everyone,
    probe: { method: 'GET', url: () => '/export/price-list?format=csv' },
  },
  {
    endpoint: 'GET /delivery/[id]/print/[form]',
    roles: everyone,
    probe: { method: 'GET', url: (fx) => `/delivery/${fx.deliveryId}/print/route?format=xlsx` },
  },
  {
    endpoint: 'GET /documents/[kind]/[id]/print/[form]',
    roles: everyone,
    probe: { method: 'GET', url: (fx) => `/documents/offers/${fx.offerId}/print/offer?format=xlsx` },
  },
  {
    endpoint: 'POST /workplace/commands',
    roles: everyone,
    owner: "the task's responsible manager (and the interest's, for moves, links and tasks on it)",
    probe: {
      method: 'POST',
      url: () => '/workplace/commands',
      form: (fx) => ({ intent: 'done', taskId: String(fx.taskId), back: '/workplace/frames/tasks' }),
    },
  },

  // Server actions.
  {
    endpoint: 'action app/login/actions.ts#login',
    roles: 'public',
    probe: {
      action: 'app/login/actions.ts#login',
      args: () => [{}, form({ email: 'nobody@matrix.test', password: 'wrong-password' })],
    },
  },
  {
    endpoint: 'action app/login/actions.ts#logout',
    roles: 'public',
    endsSession: true,
    probe: { action: 'app/login/actions.ts#logout', args: () => [form({})] },
  },
  {
    endpoint: 'action app/login/setup/actions.ts#setUp',
    roles: 'public',
    probe: {
      action: 'app/login/setup/actions.ts#setUp',
      args: () => ['not-the-token', {}, form({ name: 'X', email: 'x@x.test', password: 'password-123' })],
    },
  },
  {
    endpoint: 'action app/_server/locale-action.ts#switchLocale',
    roles: everyone,
    probe: { action: 'app/_server/locale-action.ts#switchLocale', args: () => [form({ locale: 'ru' })] },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#createInterestAction',
    roles: everyone,
    owner: "the interaction's interest's manager; the new interest is the creator's",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#createInterestAction',
      args: (fx) => [fx.interactionId, {}, interestForm(fx)],
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#saveInterestAction',
    roles: everyone,
    owner: "the interest's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#saveInterestAction',
      args: (fx) => [fx.interestId, 'feed', {}, interestForm(fx)],
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#changeStateAction',
    roles: everyone,
    owner: "the interest's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#changeStateAction',
      args: (fx) => [fx.interestId, {}, form({ state: 'lost', lossReasonId: String(fx.lossReasonId) })],
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#logInteractionAction',
    roles: everyone,
    owner: "the interest's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#logInteractionAction',
      args: (fx) => [fx.interestId, {}, form({ kind: 'note', body: 'Матрица' })],
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#addTaskAction',
    roles: everyone,
    owner: "the interest's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#addTaskAction',
      args: (fx) => [fx.interestId, {}, form({ task: 'Матрица', dueAt: '2030-01-10T10:00' })],
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#setTaskDoneAction',
    roles: everyone,
    owner: "the task's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#setTaskDoneAction',
      args: (fx) => [fx.taskId, false],
    },
  },
  {
    endpoint: 'action app/(app)/documents/actions.ts#saveDocumentAction',
    roles: everyone,
    owner: documentRule,
    probe: {
      action: 'app/(app)/documents/actions.ts#saveDocumentAction',
      args: (fx) => ['offers', fx.offerId, {}, offerForm(fx)],
    },
  },
  {
    endpoint: 'action app/(app)/documents/actions.ts#changeDocumentStatusAction',
    roles: everyone,
    owner: documentRule,
    probe: {
      action: 'app/(app)/documents/actions.ts#changeDocumentStatusAction',
      args: (fx) => ['orders', fx.orderId, {}, form({ intent: 'unpost' })],
    },
  },
  {
    endpoint: 'action app/(app)/documents/actions.ts#documentFactsAction',
    roles: everyone,
    probe: {
      action: 'app/(app)/documents/actions.ts#documentFactsAction',
      args: (fx) => ['offers', fx.offerId, offerForm(fx)],
    },
  },
  {
    endpoint: 'action app/(app)/documents/actions.ts#setOfferStatusAction',
    roles: everyone,
    owner: documentRule,
    probe: {
      action: 'app/(app)/documents/actions.ts#setOfferStatusAction',
      args: (fx) => [fx.offerId, form({ status: 'sent' })],
    },
  },
  {
    endpoint: 'action app/(app)/documents/[kind]/[id]/send/actions.ts#sendDocumentEmailAction',
    roles: everyone,
    owner: documentRule,
    probe: {
      action: 'app/(app)/documents/[kind]/[id]/send/actions.ts#sendDocumentEmailAction',
      args: (fx) => [
        'offers',
        fx.offerId,
        null,
        {},
        form({ template: 'offer', to: 'matrix@client.test', subject: 'КП', body: 'Текст' }),
      ],
    },
  },
  {
    endpoint: 'action app/(app)/outbox/actions.ts#retryEmailAction',
    roles: everyone,
    owner: "the letter's author, or who may change its document",
    probe: { action: 'app/(app)/outbox/actions.ts#retryEmailAction', args: (fx) => [fx.emailId, form({})] },
  },
  {
    endpoint: 'action app/(app)/catalogs/actions.ts#saveCatalogItem',
    roles: everyone,
    owner:
      "partners and contacts: the partner's responsible manager, or anyone while it has none; other catalogs: leaders and admins",
    probe: {
      action: 'app/(app)/catalogs/actions.ts#saveCatalogItem',
      args: (fx) => [
        'partners',
        fx.partnerId,
        {},
        form({
          name: 'Матрица: клиент Ивановой',
          isClient: 'on',
          email: 'evil@x.test',
          responsibleId: String(fx.ivanova),
        }),
      ],
    },
  },
  {
    endpoint: 'action app/(app)/catalogs/actions.ts#setCatalogItemArchived',
    roles: everyone,
    owner: 'as saveCatalogItem',
    probe: {
      action: 'app/(app)/catalogs/actions.ts#setCatalogItemArchived',
      args: (fx) => ['partners', fx.partnerId, false, form({})],
    },
  },
  {
    endpoint: 'action app/(app)/treasury/bank-statements/actions.ts#uploadStatement',
    roles: everyone,
    probe: {
      action: 'app/(app)/treasury/bank-statements/actions.ts#uploadStatement',
      args: () => {
        const data = form({ mode: 'check' });
        data.append('file', new File(['1CClientBankExchange\r\nКонецФайла\r\n'], 'empty.txt'));
        return [{}, data];
      },
    },
  },
  {
    endpoint: 'action app/(app)/treasury/bank-statements/actions.ts#matchPayment',
    roles: everyone,
    probe: {
      action: 'app/(app)/treasury/bank-statements/actions.ts#matchPayment',
      args: (fx) => [
        form({ paymentId: String(fx.paymentId), partnerId: String(fx.partnerId), orderNumber: '' }),
      ],
    },
  },
  {
    endpoint: 'action app/(app)/treasury/bank-statements/actions.ts#createPartnerFromPaymentAction',
    roles: everyone,
    probe: {
      action: 'app/(app)/treasury/bank-statements/actions.ts#createPartnerFromPaymentAction',
      args: (fx) => [form({ paymentId: String(fx.paymentId) })],
    },
  },
  {
    endpoint: 'action app/(app)/delivery/actions.ts#saveDeliveryAction',
    roles: everyone,
    owner: deliveryRule,
    probe: {
      action: 'app/(app)/delivery/actions.ts#saveDeliveryAction',
      args: (fx) => [fx.deliveryId, {}, form({ date: '2026-11-25', comment: 'Матрица' })],
    },
  },
  {
    endpoint: 'action app/(app)/delivery/actions.ts#changeDeliveryStatusAction',
    roles: everyone,
    owner: deliveryRule,
    probe: {
      action: 'app/(app)/delivery/actions.ts#changeDeliveryStatusAction',
      // No stops: refused at the form for those let in, after the access rule.
      args: (fx) => [fx.deliveryId, {}, form({ intent: 'loading' })],
    },
  },
  {
    endpoint: 'action app/(app)/delivery/actions.ts#setStopResultAction',
    roles: everyone,
    owner: deliveryRule,
    probe: {
      action: 'app/(app)/delivery/actions.ts#setStopResultAction',
      args: (fx) => [fx.deliveryId, {}, form({ stopNo: '1', result: 'delivered' })],
    },
  },
  {
    endpoint: 'action app/(app)/purchases/what-to-order/actions.ts#draftOrdersAction',
    roles: everyone,
    probe: {
      // No product of the demo has a minimum stock: the list is empty and nothing is drafted.
      action: 'app/(app)/purchases/what-to-order/actions.ts#draftOrdersAction',
      args: (fx) => [form({ warehouse: String(fx.warehouseId) })],
    },
  },
  {
    endpoint: 'action app/(app)/planning/sales-plans/actions.ts#savePlanAction',
    roles: ['leader', 'admin'],
    probe: {
      action: 'app/(app)/planning/sales-plans/actions.ts#savePlanAction',
      args: (fx) => [
        fx.planId,
        {},
        form({
          periodKind: 'month',
          period: '2026-11',
          'lines.0.managerId': String(fx.ivanova),
          'lines.0.amount': '100000',
        }),
      ],
    },
  },
  {
    endpoint: 'action app/(app)/planning/sales-plans/actions.ts#changePlanStatusAction',
    roles: ['leader', 'admin'],
    probe: {
      action: 'app/(app)/planning/sales-plans/actions.ts#changePlanStatusAction',
      args: (fx) => [fx.planId, {}, form({ intent: 'post' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/loading/actions.ts#uploadFile',
    roles: leaders,
    probe: {
      action: 'app/(app)/admin/loading/actions.ts#uploadFile',
      args: () => [form({ kind: 'partners' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/loading/actions.ts#mapColumns',
    roles: leaders,
    probe: {
      action: 'app/(app)/admin/loading/actions.ts#mapColumns',
      args: () => [999999, form({ 'column.0': 'name' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/loading/actions.ts#loadRows',
    roles: leaders,
    probe: {
      action: 'app/(app)/admin/loading/actions.ts#loadRows',
      args: () => [999999, form({ mode: 'valid', onDate: '2026-01-01' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/jobs/actions.ts#retryJobAction',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/jobs/actions.ts#retryJobAction',
      args: (fx) => [form({ id: String(fx.jobId) })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/settings/actions.ts#saveStockSettings',
    roles: admins,
    probe: { action: 'app/(app)/admin/settings/actions.ts#saveStockSettings', args: () => [{}, form({})] },
  },
  {
    endpoint: 'action app/(app)/admin/settings/actions.ts#saveForecastSettings',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/settings/actions.ts#saveForecastSettings',
      args: () => [
        {},
        form({
          new: '5',
          consultation: '10',
          offer_sent: '30',
          awaiting_payment: '70',
          shipment_control: '90',
        }),
      ],
    },
  },
  {
    // The user's own widgets, whatever their role.
    endpoint: 'action app/_dashboard/actions.ts#saveWidgetsAction',
    roles: everyone,
    probe: { action: 'app/_dashboard/actions.ts#saveWidgetsAction', args: () => [{}, allWidgets()] },
  },
  {
    endpoint: 'action app/(app)/admin/settings/actions.ts#saveDiscountLimits',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/settings/actions.ts#saveDiscountLimits',
      args: () => [{}, form({ manager: '10', leader: '25', admin: '100' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/users/actions.ts#saveUser',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/users/actions.ts#saveUser',
      args: (fx) => [fx.userId, {}, form({ name: 'Матрица', role: 'manager', locale: 'ru', active: 'on' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/users/actions.ts#changePassword',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/users/actions.ts#changePassword',
      args: (fx) => [fx.userId, {}, form({ password: 'matrix-password-1' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/users/actions.ts#removeDemo',
    roles: admins,
    fuzzAnonymously: true,
    probe: { action: 'app/(app)/admin/users/actions.ts#removeDemo', args: () => [{}, form({})] },
  },

  // Telephony, last: rows added at the end keep the fuzzing seeds of the rows above.
  {
    endpoint: 'POST /telephony/commands',
    roles: everyone,
    owner: "the pop's user",
    probe: {
      method: 'POST',
      url: () => '/telephony/commands',
      form: (fx) => ({ popId: String(fx.callPopId) }),
    },
  },
  // Its webhooks are public: each PBX proves itself by a signature or the token (401 without).
  {
    endpoint: 'GET /api/telephony/zadarma',
    roles: 'public',
    probe: { method: 'GET', url: () => '/api/telephony/zadarma?zd_echo=matrix' },
  },
  {
    endpoint: 'POST /api/telephony/zadarma',
    roles: 'public',
    refusal: 'login',
    probe: {
      method: 'POST',
      url: () => '/api/telephony/zadarma',
      form: () => ({
        event: 'NOTIFY_START',
        pbx_call_id: 'matrix-1',
        caller_id: '+79161234567',
        called_did: '74951234567',
        call_start: '2026-03-02 10:15:00',
      }),
    },
  },
  {
    endpoint: 'POST /api/telephony/mango/events/[event]',
    roles: 'public',
    refusal: 'login',
    probe: {
      method: 'POST',
      url: () => '/api/telephony/mango/events/call',
      form: () => ({
        vpbx_api_key: 'matrix',
        sign: 'matrix',
        json: '{"entry_id":"matrix","seq":1,"call_state":"Appeared","from":{"number":"79161234567"}}',
      }),
    },
  },
  {
    endpoint: 'POST /api/telephony/webhook/[token]',
    roles: 'public',
    refusal: 'login',
    probe: {
      method: 'POST',
      url: () => '/api/telephony/webhook/matrix-token',
      form: () => ({ event: 'newCall', callId: 'matrix', direction: 'in', from: '+79161234567' }),
    },
  },

  {
    endpoint: 'action app/(app)/admin/telephony/actions.ts#saveTelephonySettingsAction',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/telephony/actions.ts#saveTelephonySettingsAction',
      args: () => [{}, form({ telephony_missed_call_minutes: '15' })],
    },
  },

  // The inbox's channels, after telephony: rows added at the end keep the fuzzing seeds of the rows above.
  page('/workplace/frames/inbox-count', () => '/workplace/frames/inbox-count'),
  page('/admin/messengers', () => '/admin/messengers', admins),
  // The bot's webhook is public: Telegram proves itself by the secret header (401 without).
  {
    endpoint: 'POST /api/telegram/webhook',
    roles: 'public',
    refusal: 'login',
    probe: {
      method: 'POST',
      url: () => '/api/telegram/webhook',
      form: () => ({ update_id: '1' }),
    },
  },
  {
    endpoint: 'action app/(app)/crm/interests/actions.ts#replyInTelegramAction',
    roles: everyone,
    owner: "the interest's responsible manager",
    probe: {
      action: 'app/(app)/crm/interests/actions.ts#replyInTelegramAction',
      args: (fx) => [fx.interestId, {}, form({ text: 'Матрица' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/messengers/actions.ts#saveTelegramSettingsAction',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/messengers/actions.ts#saveTelegramSettingsAction',
      args: () => [{}, form({ telegram_ask_phone: 'on' })],
    },
  },
  {
    endpoint: 'action app/(app)/admin/messengers/actions.ts#setTelegramWebhookAction',
    roles: admins,
    probe: { action: 'app/(app)/admin/messengers/actions.ts#setTelegramWebhookAction', args: () => [] },
  },
  page('/admin/mail', () => '/admin/mail', admins),
  {
    endpoint: 'action app/(app)/admin/mail/actions.ts#saveMailSettingsAction',
    roles: admins,
    probe: {
      action: 'app/(app)/admin/mail/actions.ts#saveMailSettingsAction',
      args: () => [{}, form({ imap_port: '993', imap_poll_seconds: '60' })],
    },
  },
  {
    endpoint: 'GET /api/letters/[id]',
    roles: everyone,
    // The fixtures' interaction is a note, not a letter.
    refusal: 'not-found',
    probe: { method: 'GET', url: (fx) => `/api/letters/${fx.interactionId}` },
  },
];
