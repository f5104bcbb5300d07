package jp.tsunagu.referral;

/** Derived from the tiers of sender and receiver (1 center, 2 region, 3 municipality). */
public enum Direction {
    UP, DOWN, LATERAL;

    public static Direction between(int senderTier, int receiverTier) {
        return receiverTier < senderTier ? UP : receiverTier > senderTier ? DOWN : LATERAL;
    }
}
