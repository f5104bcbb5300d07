// Each line is a move the contract does not allow; tsc --strict must refuse every one (TypeScriptClientTest).
import type { ReferralTransitionRequest } from '../../../target/generated-ts/client/index';

export const completeWithoutOutcome: ReferralTransitionRequest = { action: 'COMPLETE' };
export const declineWithoutReason: ReferralTransitionRequest = { action: 'DECLINE', reasonText: '理由' };
export const reopenWithoutQuestion: ReferralTransitionRequest = { action: 'REOPEN' };
export const unknownAction: ReferralTransitionRequest = { action: 'APPROVE' };
