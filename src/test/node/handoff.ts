// One hand-off driven by the TypeScript client generated from openapi/openapi.yaml (typescript-fetch), compiled with
// tsc --strict: a municipal coordinator records a consultation and escalates it to the branch; the branch accepts,
// starts, reports and completes; the coordinator confirms the closure. A stale If-Match is answered 412 with the
// declared problem. Prints one JSON line the Java test reads.
// env: BASE_URL, TOKEN_COORDINATOR, TOKEN_BRANCH
import {
  Configuration, ConsultationsApi, ReferralsApi, ResponseError,
  type PreconditionFailedProblem, type Referral, type ReferralTransitionRequest,
} from '../../../target/generated-ts/client/index';

const base = process.env.BASE_URL!.replace(/\/$/, '');
const as = (token: string) => new Configuration({ basePath: base, accessToken: async () => token });
const coordinator = as(process.env.TOKEN_COORDINATOR!);
const branch = as(process.env.TOKEN_BRANCH!);

async function move(config: Configuration, id: string, etag: string, move: ReferralTransitionRequest): Promise<[Referral, string]> {
  const answer = await new ReferralsApi(config).transitionReferralRaw({ id, ifMatch: etag, referralTransitionRequest: move });
  return [await answer.value(), answer.raw.headers.get('ETag')!];
}

async function main(): Promise<void> {
  const consultation = await new ConsultationsApi(coordinator).createConsultation({
    consultationRequest: {
      receivedAt: new Date('2024-06-03T10:15:00+09:00'), channel: 'PHONE', requesterType: 'FAMILY', kind: 'INDIVIDUAL',
      topics: ['RESPITE_RESIDENTIAL'], residenceLgcode: '142034', anonymous: false,
      chiefComplaint: 'TypeScript client ' + Date.now(), urgency: 'NORMAL',
    },
  });
  const created = await new ReferralsApi(coordinator).createReferralRaw({
    referralRequest: { consultationId: consultation.id, kind: 'ESCALATION', receiverUnitCode: '14-shonan-west', requestText: '後方支援をお願いします' },
  });
  const referral = await created.value();
  const location = created.raw.headers.get('Location');
  const states: string[] = [referral.state];
  let etag = created.raw.headers.get('ETag')!;
  let current: Referral;
  [current, etag] = await move(branch, referral.id, etag, { action: 'ACCEPT' });
  states.push(current.state);
  const acceptedEtag = etag;
  [current, etag] = await move(branch, referral.id, etag, { action: 'START' });
  states.push(current.state);
  await new ReferralsApi(branch).postReferralReport({ id: referral.id, progressReportRequest: { status: 'CONTACTED_FAMILY', body: '家族に連絡済み' } });

  let stale: { status: number; currentETag: string } | null = null;
  try {
    await move(branch, referral.id, acceptedEtag, { action: 'COMPLETE', outcomeCode: 'SERVICE_ARRANGED' });
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    const problem = (await e.response.json()) as PreconditionFailedProblem;
    stale = { status: e.response.status, currentETag: problem.currentETag };
  }
  [current, etag] = await move(branch, referral.id, etag, { action: 'COMPLETE', outcomeCode: 'SERVICE_ARRANGED', outcomeText: '短期入所の利用開始' });
  states.push(current.state);
  [current, etag] = await move(coordinator, referral.id, etag, { action: 'CONFIRM_CLOSURE' });
  states.push(current.state);
  const history = await new ReferralsApi(coordinator).getReferralHistory({ id: referral.id });

  process.stdout.write(JSON.stringify({
    consultationId: consultation.id, referralId: referral.id, location, states, finalEtag: etag, stale,
    history: history.map((h) => h.action), allowedActions: current.allowedActions,
  }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
