/* SPDX-License-Identifier: MIT */
/*
 * FSRS-5 (see fsrs.h). The formulas, in the notation of the FSRS papers and of the
 * open-spaced-repetition project's description of the algorithm; G is the rating, 1 again
 * to 4 easy; t is whole days since the last answer:
 *
 *   forgetting curve   R(t, S) = (1 + F t / S)^C, with C = -0.5 and F = 19/81, chosen so that
 *                      R(S, S) = 0.9
 *   interval           I(r, S) = S / F (r^(1/C) - 1), which is S itself at r = 0.9
 *   first answer       S0(G) = w[G-1];  D0(G) = w4 - e^(w5 (G-1)) + 1, kept within [1, 10]
 *   difficulty         the step -w6 (G-3) is damped by (10 - D) / 9 as D nears 10, then
 *                      pulled towards D0(easy) by w7:  D' = w7 D0(4) + (1 - w7)(D + step)
 *   recall (G >= 2)    S' = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1-R)) - 1) h b), where the
 *                      hard penalty h is w15 when G = 2 and the easy bonus b is w16 when G = 4
 *   forgetting (G = 1) S' = w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), never above
 *                      S / e^(w17 w18), so a lapse never raises stability
 *   same day (t = 0)   S' = S e^(w17 (G - 3 + w18))
 *
 * Stability is computed from the difficulty before the answer; the difficulty is updated
 * after. Stability is kept at 0.01 at least.
 */
#include "core/fsrs.h"

#include <math.h>
#include <string.h>

const double fsrs_w[19] = {0.40255, 1.18385, 3.173,  15.69105, 7.1949, 0.5345, 1.4604,
                           0.0046,  1.54575, 0.1192, 1.01925,  1.9395, 0.11,   0.29605,
                           2.2698,  0.2315,  2.9898, 0.51655,  0.6621};

#define DECAY (-0.5)
#define FACTOR (19.0 / 81.0)
#define S_MIN 0.01

static const char *const names[] = {"again", "hard", "good", "easy"};

const char *
fsrs_rating_name(int rating)
{
    return rating >= 1 && rating <= 4 ? names[rating - 1] : "?";
}

int
fsrs_rating_parse(const char *s)
{
    if (!s)
        return 0;
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0 || (s[0] == names[i][0] && !s[1]) ||
            (s[0] == '1' + i && !s[1]))
            return i + 1;
    }
    return 0;
}

static double
clamp_d(double d)
{
    return d < 1 ? 1 : d > 10 ? 10 : d;
}

double
fsrs_retrievability(double t, double s)
{
    return pow(1 + FACTOR * t / s, DECAY);
}

double
fsrs_init_stability(int rating)
{
    double s = fsrs_w[rating - 1];
    return s < 0.1 ? 0.1 : s;
}

static double
d0(int rating)
{
    return fsrs_w[4] - exp(fsrs_w[5] * (rating - 1)) + 1;
}

double
fsrs_init_difficulty(int rating)
{
    return clamp_d(d0(rating));
}

double
fsrs_next_difficulty(double d, int rating)
{
    double step = -fsrs_w[6] * (rating - 3);
    double damped = d + step * (10 - d) / 9;
    return clamp_d(fsrs_w[7] * d0(FSRS_EASY) + (1 - fsrs_w[7]) * damped);
}

double
fsrs_recall_stability(double d, double s, double r, int rating)
{
    double hard = rating == FSRS_HARD ? fsrs_w[15] : 1;
    double easy = rating == FSRS_EASY ? fsrs_w[16] : 1;
    return s * (1 + exp(fsrs_w[8]) * (11 - d) * pow(s, -fsrs_w[9]) *
                        (exp(fsrs_w[10] * (1 - r)) - 1) * hard * easy);
}

double
fsrs_forget_stability(double d, double s, double r)
{
    double f =
        fsrs_w[11] * pow(d, -fsrs_w[12]) * (pow(s + 1, fsrs_w[13]) - 1) * exp(fsrs_w[14] * (1 - r));
    double cap = s / exp(fsrs_w[17] * fsrs_w[18]);
    return f < cap ? f : cap;
}

double
fsrs_short_term_stability(double s, int rating)
{
    return s * exp(fsrs_w[17] * (rating - 3 + fsrs_w[18]));
}

int
fsrs_interval(double stability)
{
    double days = stability / FACTOR * (pow(FSRS_RETENTION, 1 / DECAY) - 1);
    double r = round(days);
    if (!(r >= 1))
        return 1;
    return r > FSRS_MAX_INTERVAL ? FSRS_MAX_INTERVAL : (int)r;
}

int
fsrs_review(const struct fsrs_card *before, int elapsed_days, int rating, struct fsrs_card *after)
{
    if (rating < FSRS_AGAIN || rating > FSRS_EASY)
        rating = FSRS_AGAIN;
    if (!before || before->reps == 0 || !(before->stability > 0)) {
        after->stability = fsrs_init_stability(rating);
        after->difficulty = fsrs_init_difficulty(rating);
        after->reps = 1;
        after->lapses = 0;
    } else {
        double s = before->stability, d = clamp_d(before->difficulty), ns;
        if (elapsed_days <= 0) {
            ns = fsrs_short_term_stability(s, rating);
        } else {
            double r = fsrs_retrievability(elapsed_days, s);
            ns = rating == FSRS_AGAIN ? fsrs_forget_stability(d, s, r)
                                      : fsrs_recall_stability(d, s, r, rating);
        }
        after->stability = ns < S_MIN ? S_MIN : ns;
        after->difficulty = fsrs_next_difficulty(d, rating);
        after->reps = before->reps + 1;
        after->lapses = before->lapses + (rating == FSRS_AGAIN);
    }
    return fsrs_interval(after->stability);
}
