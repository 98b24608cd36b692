#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference vectors for tests/test-stats.c, which checks src/core/lc-stats.c.

Every expected value comes from SciPy or statsmodels where they have the
function, and otherwise from the formula written out here in numpy,
independently of the C code:

  normal              scipy.stats.norm.cdf / .sf
  normal_quantile     scipy.stats.norm.ppf
  incomplete_beta     scipy.special.betainc
  incomplete_gamma    scipy.special.gammaincc
  student_t           scipy.stats.t.cdf / .sf, two-sided = 2 t.sf (|t|)
  student_t_quantile  scipy.stats.t.ppf
  chi_square          scipy.stats.chi2.sf
  winsorize           np.quantile (x, q) (numpy's default "linear" method) as
                      the cap, np.minimum (x, cap) as the result
  welch, welch_summary, welch_winsorized
                      scipy.stats.ttest_ind (b, a, equal_var=False) and
                      ttest_ind_from_stats for t and p; se, Welch-Satterthwaite
                      df, the interval (scipy.stats.t.ppf) and the
                      delta-method interval of the relative lift in numpy.
                      welch_winsorized caps both groups at the np.quantile of
                      the pooled values first.
  two_proportions     statsmodels proportions_ztest (pooled variance) for z
                      and p; confint_proportions_2indep (method="wald",
                      compare="diff") for the difference and (method="log",
                      compare="ratio") minus 1 for the lift
  wilson              statsmodels proportion_confint (method="wilson")
  ratio_estimate, ratio_test
                      numpy: there is no library function for the delta
                      method, so the textbook covariance form is written here,
                      R = sum num / sum den,
                      Var R = (s_nn - 2 R s_nd + R^2 s_dd) / (n mean_den^2)
                      with np.cov (ddof 1); the C code computes the same
                      quantity another way (the variance of num - R den).
                      The test's p-value and interval use scipy.stats.norm.
  srm                 scipy.stats.chisquare
  power, sample_size, mde
                      statsmodels NormalIndPower (the normal approximation;
                      ratio 1, two-sided): .power (), and .solve_power () for
                      nobs1 and for effect_size, with d = lift * mean / sd;
                      the solver's tolerance is tightened (see power_cases)
  diff_in_diff        statsmodels OLS "y ~ post * this_year" for the estimate
                      (the interaction coefficient) and, with HC2 errors, its
                      standard error (HC2 in this saturated model is exactly
                      sqrt (sum s_i^2 / n_i)); the Satterthwaite df, t, p
                      (scipy.stats.t) and the delta-method interval of the
                      relative effect in numpy

Cases cover tiny samples (n = 2, 3), unequal variances and sizes, zero
variance in one group, identical groups, huge n (1e6 and more through summary
statistics), extreme proportions (0/n, n/n, 1 in 1e6), p-values from 1e-12
and far below up to 1, and non-integer degrees of freedom. Values that
SciPy or statsmodels cannot give (both variances zero, a pooled rate of 0 or
1) are left to the hand-written tests in test-stats.c. Distribution values
below 1e-290 are left out, a double having no relative precision there; a
test's p-value that underflows to 0 (two proportions, n = 1e10) is kept, and
the C code must give 0 (or a denormal) too.

Deterministic (numpy seed 20240601). Made, from the top of the repository,
with Debian's Python (the python3 first on PATH may lack SciPy):

  /usr/bin/python3 tests/reference/make_stats_vectors.py > tests/data/stats-vectors.json
"""

import json
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.special as sp
import statsmodels
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          proportion_confint,
                                          proportions_ztest)

rng = np.random.default_rng(20240601)
TINY = 1e-290


def f(x):
    """A plain float for JSON, refusing what JSON cannot hold."""
    x = float(x)
    if not np.isfinite(x):
        raise ValueError("non-finite reference value")
    return x


def floats(xs):
    return [f(x) for x in xs]


def money(n, mean, sigma):
    """Order values: lognormal, in cents."""
    mu = np.log(mean) - sigma ** 2 / 2
    return np.round(rng.lognormal(mu, sigma, n), 2)


# Distributions ------------------------------------------------------------

def normal_cases():
    xs = list(np.linspace(-37, 37, 75)) + [0.0, 1e-10, -1e-10, 1.959963984540054, -8.5, 8.5]
    return [{"x": f(x), "cdf": f(stats.norm.cdf(x)), "sf": f(stats.norm.sf(x))} for x in xs]


def normal_quantile_cases():
    ps = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-15, 1e-12, 1e-9, 1e-6, 1e-4,
          0.001, 0.005, 0.01, 0.025, 0.05, 0.074, 0.075, 0.076, 0.1, 0.2, 0.3,
          0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.924, 0.925, 0.926, 0.95,
          0.975, 0.99, 0.995, 0.999, 1 - 1e-4, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12]
    ps += list(rng.uniform(0, 1, 20)) + list(10.0 ** rng.uniform(-250, -3, 10))
    return [{"p": f(p), "x": f(stats.norm.ppf(p))} for p in ps]


def incomplete_beta_cases():
    cases = []
    fixed = [(0.5, 0.5, 0.5), (1, 1, 0.3), (2, 3, 0.4), (0.01, 0.01, 0.5),
             (0.1, 10, 0.001), (10, 0.1, 0.999), (100, 100, 0.5), (100, 100, 0.4),
             (1e4, 1e4, 0.49), (1e4, 1e4, 0.505), (5e5, 0.5, 1 - 1e-5),
             (5e5, 0.5, 1 - 1e-4), (1.5, 0.5, 0.9), (0.5, 1.5, 0.1),
             (3, 3, 1e-6), (3, 3, 1 - 1e-6), (1000, 2, 0.995), (2, 1000, 0.005),
             (50, 0.5, 0.2), (0.5, 50, 0.8)]
    for a, b, x in fixed:
        cases.append((a, b, x))
    while len(cases) < 80:
        a = 10 ** rng.uniform(-2, 4)
        b = 10 ** rng.uniform(-2, 4)
        x = rng.uniform(0, 1)
        cases.append((a, b, x))
    out = []
    for a, b, x in cases:
        v = sp.betainc(a, b, x)
        if v < TINY:
            continue
        out.append({"a": f(a), "b": f(b), "x": f(x), "value": f(v)})
    return out


def incomplete_gamma_cases():
    cases = [(0.5, 0.5), (0.5, 3), (1, 1), (1, 50), (2.5, 0.1), (10, 10), (10, 30),
             (100, 100), (100, 150), (100, 60), (500, 520), (0.01, 1), (3, 700),
             (1.5, 1e-8), (50, 49), (50, 52)]
    while len(cases) < 70:
        a = 10 ** rng.uniform(-1.5, 3)
        x = a * 10 ** rng.uniform(-1, 0.7)
        cases.append((a, x))
    out = []
    for a, x in cases:
        v = sp.gammaincc(a, x)
        if v < TINY:
            continue
        out.append({"a": f(a), "x": f(x), "value": f(v)})
    return out


def student_t_cases():
    out = []
    dfs = [1, 1.5, 2, 2.5, 3, 4.7, 7, 10, 29.3, 100, 1000.5, 1e4, 1e6]
    ts = [0, 0.05, 0.7, 1.0, 2.0, 2.5, 3.7, 6.5, 10, 40, 1e3, 1e6, -0.3, -2.2, -12]
    for df in dfs:
        for t in ts:
            cdf = stats.t.cdf(t, df)
            sf = stats.t.sf(t, df)
            two = 2 * stats.t.sf(abs(t), df)
            if min(cdf, sf, two) < TINY:
                continue
            out.append({"t": f(t), "df": f(df), "cdf": f(cdf), "sf": f(sf), "two_sided": f(two)})
    return out


def student_t_quantile_cases():
    out = []
    for df in [1, 2, 3.5, 7.25, 30, 1000, 1e6]:
        for p in [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.3, 0.5, 0.8, 0.975, 0.995, 1 - 1e-9]:
            out.append({"p": f(p), "df": f(df), "t": f(stats.t.ppf(p, df))})
    return out


def chi_square_cases():
    out = []
    for df in [0.5, 1, 2, 3, 4, 5, 9, 20, 100, 1000]:
        for x in [0.0, 1e-3, 0.5, 1, 3.84, 7, 15, 60, 300, 1200]:
            sf = stats.chi2.sf(x, df)
            if sf < TINY:
                continue
            out.append({"x": f(x), "df": f(df), "sf": f(sf)})
    return out


# Winsorizing --------------------------------------------------------------

def winsorize_cases():
    out = []
    qs = [0.99, 0.95, 0.9, 0.5, 0.0, 1.0, 0.999, 0.75]
    shapes = []
    for n in [1, 2, 3, 5, 10, 37, 100, 101, 250]:
        shapes.append(money(n, 60, 1.0))
    shapes.append(np.full(20, 42.0))                    # all equal
    shapes.append(np.array([5.0, 5.0, 5.0, 1000.0]))    # ties and one outlier
    shapes.append(rng.normal(0, 1, 64))                 # negative values
    shapes.append(rng.integers(1, 6, 80).astype(float)) # many ties (units)
    for i, values in enumerate(shapes):
        for q in qs[: 4 + (i % 5)]:
            cap = np.quantile(values, q)
            out.append({"values": floats(values), "quantile": f(q),
                        "cap": f(cap), "capped": floats(np.minimum(values, cap))})
    return out


# Welch --------------------------------------------------------------------

def welch_expected(n_a, mean_a, var_a, n_b, mean_b, var_b, confidence, t, p):
    va, vb = var_a / n_a, var_b / n_b
    se = np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1))
    crit = stats.t.ppf(0.5 + confidence / 2, df)
    lift = mean_b / mean_a - 1
    se_lift = np.sqrt(vb / mean_a ** 2 + mean_b ** 2 * va / mean_a ** 4)
    return {"mean_a": f(mean_a), "mean_b": f(mean_b), "diff": f(mean_b - mean_a),
            "se": f(se), "df": f(df), "t": f(t), "p_value": f(p),
            "ci_low": f(mean_b - mean_a - crit * se), "ci_high": f(mean_b - mean_a + crit * se),
            "rel_lift": f(lift), "lift_ci_low": f(lift - crit * se_lift),
            "lift_ci_high": f(lift + crit * se_lift)}


def welch_samples():
    """Pairs (a, b, confidence) of raw samples."""
    pairs = []
    for n_a, n_b in [(2, 2), (2, 3), (3, 3), (3, 2), (2, 40), (3, 5)]:
        pairs.append((money(n_a, 50, 0.5), money(n_b, 55, 0.5), 0.95))
    for _ in range(16):                                     # unequal sizes and variances
        n_a, n_b = rng.integers(4, 150, 2)
        pairs.append((money(n_a, rng.uniform(20, 200), rng.uniform(0.1, 1.5)),
                      money(n_b, rng.uniform(20, 200), rng.uniform(0.1, 1.5)),
                      float(rng.choice([0.9, 0.95, 0.99]))))
    for n_a, n_b in [(5, 30), (40, 3), (100, 100)]:        # zero variance in one group
        pairs.append((np.full(n_a, 49.99), money(n_b, 52, 0.4), 0.95))
        pairs.append((money(n_a, 52, 0.4), np.full(n_b, 54.5), 0.95))
    for n in [2, 3, 25, 120]:                               # identical groups
        a = money(n, 70, 0.6)
        pairs.append((a, a.copy(), 0.95))
    for shift, n in [(8.0, 60), (12.0, 80), (20.0, 150), (30.0, 150), (45.0, 200), (60.0, 200)]:
        a = rng.normal(100, 15, n)                          # p from 1e-4 to far below 1e-12
        b = rng.normal(100 + shift, 25, n + 13)
        pairs.append((a, b, 0.95))
    for _ in range(6):                                      # p near 1
        a = rng.normal(80, 10, 50)
        b = a[::-1] + rng.normal(0, 1e-3, 50)
        pairs.append((a, b, 0.95))
    for _ in range(10):                                     # units per order
        n_a, n_b = rng.integers(10, 300, 2)
        pairs.append((rng.poisson(1.6, n_a) + 1.0, rng.poisson(1.7, n_b) + 1.0, 0.95))
    return pairs


def welch_cases():
    out = []
    for a, b, confidence in welch_samples():
        with warnings.catch_warnings():
            # A constant group: numpy's variance can be 1e-28 instead of 0,
            # which SciPy reports; it changes nothing at 1e-6.
            warnings.simplefilter("ignore", RuntimeWarning)
            res = stats.ttest_ind(b, a, equal_var=False)
        case = {"a": floats(a), "b": floats(b), "confidence": f(confidence)}
        case.update(welch_expected(len(a), np.mean(a), np.var(a, ddof=1),
                                   len(b), np.mean(b), np.var(b, ddof=1),
                                   confidence, res.statistic, res.pvalue))
        out.append(case)
    return out


def welch_summary_cases():
    out = []
    summaries = []
    for n in [1e6, 2e6, 1e7, 3.3e6]:                        # huge n
        summaries.append((n, 62.0, 45.0 ** 2, n * 0.97, 62.1, 47.0 ** 2))
        summaries.append((n, 62.0, 45.0 ** 2, n, 62.0 + 45.0 * 7.5 / np.sqrt(n / 2), 45.0 ** 2))
    for _ in range(36):
        n_a = float(rng.integers(2, 5000))
        n_b = float(rng.integers(2, 5000))
        m_a = rng.uniform(10, 300)
        summaries.append((n_a, m_a, (m_a * rng.uniform(0.05, 2)) ** 2,
                          n_b, m_a * rng.uniform(0.8, 1.3), (m_a * rng.uniform(0.05, 2)) ** 2))
    for n_a, n_b in [(2, 2), (2, 1e6), (1e6, 2), (3, 4), (2, 3)]:
        summaries.append((n_a, 10.0, 4.0, n_b, 12.5, 9.0))
    summaries.append((50.0, 20.0, 0.0, 60.0, 21.0, 3.0))   # zero variance in one group
    summaries.append((50.0, 20.0, 3.0, 60.0, 21.0, 0.0))
    summaries.append((500.0, 33.0, 100.0, 500.0, 33.0, 100.0))  # identical
    summaries.append((1e6, 1.0, 1e-6, 1e6, 1.00001, 1e-6))
    summaries.append((1e6, 1e6, 1e10, 1e6, 1.0001e6, 1e10))
    summaries.append((8.0, -5.0, 2.0, 9.0, -4.0, 3.0))      # negative baseline
    for n_a, m_a, var_a, n_b, m_b, var_b in summaries:
        confidence = 0.95
        res = stats.ttest_ind_from_stats(m_b, np.sqrt(var_b), n_b, m_a, np.sqrt(var_a), n_a,
                                         equal_var=False)
        case = {"n_a": f(n_a), "mean_a_in": f(m_a), "var_a": f(var_a),
                "n_b": f(n_b), "mean_b_in": f(m_b), "var_b": f(var_b),
                "confidence": f(confidence)}
        case.update(welch_expected(n_a, m_a, var_a, n_b, m_b, var_b, confidence,
                                   res.statistic, res.pvalue))
        out.append(case)
    return out


def welch_winsorized_cases():
    out = []
    for i in range(55):
        n_a, n_b = rng.integers(20, 400, 2)
        a = money(n_a, 60, 1.2)
        b = money(n_b, 60 * rng.uniform(0.9, 1.2), 1.2)
        if i % 5 == 0:
            b[0] = 25000.0                                  # one wild order
        q = [0.99, 0.95, 0.9][i % 3]
        cap = np.quantile(np.concatenate([a, b]), q)
        ca, cb = np.minimum(a, cap), np.minimum(b, cap)
        res = stats.ttest_ind(cb, ca, equal_var=False)
        case = {"a": floats(a), "b": floats(b), "quantile": f(q), "confidence": 0.95, "cap": f(cap)}
        case.update(welch_expected(len(ca), np.mean(ca), np.var(ca, ddof=1),
                                   len(cb), np.mean(cb), np.var(cb, ddof=1),
                                   0.95, res.statistic, res.pvalue))
        out.append(case)
    return out


# Proportions --------------------------------------------------------------

def two_proportions_cases():
    counts = [(0, 100, 3, 100), (3, 100, 0, 100), (100, 100, 97, 100), (97, 100, 100, 100),
              (1, 1000000, 2, 1000000), (1, 1000000, 9, 1000000), (0, 1000000, 5, 1000000),
              (1, 2, 2, 3), (1, 3, 0, 2), (2, 2, 1, 3), (1, 1, 0, 1),
              (30000, 1000000, 30500, 1000000), (300000000, 10000000000, 300200000, 10000000000),
              (120, 4000, 120, 4000), (5000, 100000, 5600, 100000), (500, 10000, 620, 10000),
              (2500, 100000, 3200, 100000), (31, 1000, 30, 1100)]
    while len(counts) < 60:
        n_a = int(10 ** rng.uniform(1, 7))
        n_b = int(n_a * rng.uniform(0.8, 1.25))
        rate = 10 ** rng.uniform(-4, -0.3)
        counts.append((int(rng.binomial(n_a, rate)), n_a,
                       int(rng.binomial(n_b, rate * rng.uniform(0.9, 1.2))), n_b))
    out = []
    for i, (c_a, n_a, c_b, n_b) in enumerate(counts):
        pooled = (c_a + c_b) / (n_a + n_b)
        if pooled in (0.0, 1.0):
            continue
        confidence = [0.95, 0.9, 0.99][i % 3]
        alpha = 1 - confidence
        z, p = proportions_ztest([c_b, c_a], [n_b, n_a])
        low, high = confint_proportions_2indep(c_b, n_b, c_a, n_a, method="wald",
                                               compare="diff", alpha=alpha)
        case = {"conversions_a": c_a, "n_a": n_a, "conversions_b": c_b, "n_b": n_b,
                "confidence": f(confidence), "rate_a": f(c_a / n_a), "rate_b": f(c_b / n_b),
                "diff": f(c_b / n_b - c_a / n_a), "z": f(z), "p_value": f(p),
                "ci_low": f(low), "ci_high": f(high)}
        if c_a > 0:
            case["lift"] = f((c_b / n_b) / (c_a / n_a) - 1)
        if c_a > 0 and c_b > 0:
            rlow, rhigh = confint_proportions_2indep(c_b, n_b, c_a, n_a, method="log",
                                                     compare="ratio", alpha=alpha)
            case["lift_ci_low"] = f(rlow - 1)
            case["lift_ci_high"] = f(rhigh - 1)
        out.append(case)
    return out


def wilson_cases():
    counts = [(0, 1), (1, 1), (0, 10), (10, 10), (1, 10), (5, 10), (9, 10), (0, 1000000),
              (1, 1000000), (999999, 1000000), (1000000, 1000000), (3, 7), (1, 2),
              (17, 230), (250, 4000), (12, 1000000000), (500000000, 1000000000)]
    while len(counts) < 60:
        n = int(10 ** rng.uniform(0.5, 7))
        counts.append((int(rng.binomial(n, 10 ** rng.uniform(-3, 0))), n))
    out = []
    for i, (x, n) in enumerate(counts):
        confidence = [0.95, 0.9, 0.99, 0.8][i % 4]
        low, high = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
        out.append({"successes": x, "n": n, "confidence": f(confidence),
                    "low": f(low), "high": f(high)})
    return out


# Ratio metrics ------------------------------------------------------------

def ratio_moments(num, den):
    """R and Var R by the covariance form of the delta method."""
    n = len(num)
    r = num.sum() / den.sum()
    s = np.cov(np.vstack([num, den]), ddof=1)
    var = (s[0, 0] - 2 * r * s[0, 1] + r ** 2 * s[1, 1]) / (n * den.mean() ** 2)
    return r, var


def daily_traffic(n, sessions, rpv):
    """Per-day sessions and revenue with some day-to-day noise."""
    den = np.round(rng.normal(sessions, sessions * 0.15, n).clip(1))
    num = np.round(den * rng.normal(rpv, rpv * 0.2, n), 2)
    return num, den


def ratio_estimate_cases():
    out = []
    for i in range(55):
        n = [2, 3, 7, 14, 28, 60, 90, 120][i % 8]
        num, den = daily_traffic(n, 10 ** rng.uniform(1, 5), rng.uniform(0.5, 6))
        if i == 3:
            num = den * 2.5                                 # exactly proportional: Var 0
        r, var = ratio_moments(num, den)
        out.append({"numerator": floats(num), "denominator": floats(den),
                    "ratio": f(r), "variance": f(max(var, 0.0)), "se": f(np.sqrt(max(var, 0.0)))})
    return out


def ratio_test_cases():
    out = []
    for i in range(55):
        n_a = [3, 7, 14, 28, 30, 60, 90][i % 7]
        n_b = n_a if i % 2 else n_a + 5
        sessions = 10 ** rng.uniform(1.5, 5)
        rpv = rng.uniform(0.5, 6)
        lift = [0, 0.01, 0.05, 0.2, -0.1][i % 5]
        num_a, den_a = daily_traffic(n_a, sessions, rpv)
        num_b, den_b = daily_traffic(n_b, sessions, rpv * (1 + lift))
        confidence = [0.95, 0.9, 0.99][i % 3]
        r_a, var_a = ratio_moments(num_a, den_a)
        r_b, var_b = ratio_moments(num_b, den_b)
        se = np.sqrt(var_a + var_b)
        z = (r_b - r_a) / se
        crit = stats.norm.ppf(0.5 + confidence / 2)
        lift_hat = r_b / r_a - 1
        se_lift = np.sqrt(var_b / r_a ** 2 + r_b ** 2 * var_a / r_a ** 4)
        out.append({"numerator_a": floats(num_a), "denominator_a": floats(den_a),
                    "numerator_b": floats(num_b), "denominator_b": floats(den_b),
                    "confidence": f(confidence), "ratio_a": f(r_a), "ratio_b": f(r_b),
                    "diff": f(r_b - r_a), "se": f(se), "z": f(z),
                    "p_value": f(2 * stats.norm.sf(abs(z))),
                    "ci_low": f(r_b - r_a - crit * se), "ci_high": f(r_b - r_a + crit * se),
                    "rel_lift": f(lift_hat), "lift_ci_low": f(lift_hat - crit * se_lift),
                    "lift_ci_high": f(lift_hat + crit * se_lift)})
    return out


# Sample-ratio mismatch ----------------------------------------------------

def srm_cases():
    cases = [([50000, 50000], [1, 1]), ([50500, 49500], [1, 1]), ([50800, 49200], [1, 1]),
             ([505000, 495000], [0.5, 0.5]), ([5100000, 4900000], [1, 1]),
             ([90, 10], [0.9, 0.1]), ([1, 0], [1, 1]), ([3, 1], [1, 1]),
             ([10000, 10100, 9800], [1, 1, 1]), ([2000, 8000], [20, 80]),
             ([0, 100], [1, 1]), ([1, 1, 1, 1, 96], [1, 1, 1, 1, 1])]
    while len(cases) < 60:
        k = int(rng.integers(2, 6))
        shares = rng.uniform(0.5, 3, k)
        total = int(10 ** rng.uniform(2, 7))
        skew = shares * rng.uniform(0.97, 1.03, k)
        cases.append((list(rng.multinomial(total, skew / skew.sum())), list(shares)))
    out = []
    for observed, shares in cases:
        observed = np.array(observed, dtype=np.int64)
        shares = np.array(shares, dtype=float)
        expected = observed.sum() * shares / shares.sum()
        res = stats.chisquare(observed, expected)
        if res.pvalue < TINY:
            continue
        out.append({"observed": [int(o) for o in observed], "expected_share": floats(shares),
                    "chi2": f(res.statistic), "df": f(len(observed) - 1), "p_value": f(res.pvalue)})
    return out


# Power --------------------------------------------------------------------

def power_cases():
    analysis = NormalIndPower()
    # solve_power's root finder (brentq_expanding) stops at xtol=1e-5,
    # absolute: MDEs near 0.005 came out 1e-3 off. The same solver with a
    # tight tolerance gives the power function's root to 1e-13.
    analysis.start_bqexp["effect_size"] = dict(xtol=1e-15)
    analysis.start_bqexp["nobs1"] = dict(low=2.0, start_upp=50.0, xtol=1e-12)
    power, sample_size, mde = [], [], []
    for i in range(60):
        d = 10 ** rng.uniform(-2.5, 0.3)
        n = 10 ** rng.uniform(0.5, 6)
        alpha = [0.05, 0.01, 0.1][i % 3]
        power.append({"effect_size": f(d), "n_per_group": f(n), "alpha": f(alpha),
                      "power": f(analysis.power(d, n, alpha, ratio=1, alternative="two-sided"))})
    for i in range(60):
        mean = rng.uniform(5, 300)
        sd = mean * rng.uniform(0.3, 2.5)
        lift = 10 ** rng.uniform(-2.5, -0.3)
        alpha, target = [(0.05, 0.8), (0.05, 0.9), (0.01, 0.8), (0.1, 0.5), (0.05, 0.2)][i % 5]
        n = analysis.solve_power(effect_size=lift * mean / sd, nobs1=None, alpha=alpha,
                                 power=target, ratio=1, alternative="two-sided")
        sample_size.append({"baseline_mean": f(mean), "sd": f(sd), "lift": f(lift),
                            "alpha": f(alpha), "power": f(target), "n_per_group": f(n)})
    for i in range(60):
        mean = rng.uniform(5, 300)
        sd = mean * rng.uniform(0.3, 2.5)
        n = 10 ** rng.uniform(1, 6.5)
        alpha, target = [(0.05, 0.8), (0.05, 0.9), (0.01, 0.8), (0.1, 0.5), (0.05, 0.2)][i % 5]
        d = analysis.solve_power(effect_size=None, nobs1=n, alpha=alpha, power=target,
                                 ratio=1, alternative="two-sided")
        mde.append({"baseline_mean": f(mean), "sd": f(sd), "n_per_group": f(n),
                    "alpha": f(alpha), "power": f(target), "lift": f(d * sd / mean)})
    return power, sample_size, mde


# Difference in differences ------------------------------------------------

def did_cases():
    out = []
    for i in range(56):
        sizes = [[2, 2, 2, 2], [3, 3, 3, 3], [60, 60, 60, 60], [30, 45, 28, 61],
                 [14, 14, 14, 14], [90, 90, 90, 90], [7, 7, 7, 7]][i % 7]
        level = rng.uniform(20, 400)
        growth = rng.uniform(0.9, 1.3)
        season = rng.uniform(0.9, 1.2)
        effect = [0, 0.02, 0.08, 0.3][i % 4]
        sd = level * rng.uniform(0.02, 0.4)
        windows = [rng.normal(level * growth, sd, sizes[0]),
                   rng.normal(level * growth * season * (1 + effect), sd * rng.uniform(0.5, 2), sizes[1]),
                   rng.normal(level, sd, sizes[2]),
                   rng.normal(level * season, sd * rng.uniform(0.5, 2), sizes[3])]
        windows = [np.round(w, 2) for w in windows]
        if i == 5:
            windows[2] = np.full(sizes[2], 100.0)           # one window without variation
        before, after, before_ly, after_ly = windows
        frame = pd.DataFrame({
            "y": np.concatenate(windows),
            "post": np.concatenate([np.zeros(len(before)), np.ones(len(after)),
                                    np.zeros(len(before_ly)), np.ones(len(after_ly))]),
            "this_year": np.concatenate([np.ones(len(before) + len(after)),
                                         np.zeros(len(before_ly) + len(after_ly))]),
        })
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = smf.ols("y ~ post * this_year", data=frame).fit(cov_type="HC2")
        estimate = fit.params["post:this_year"]
        se = fit.bse["post:this_year"]
        means = [w.mean() for w in windows]
        terms = [w.var(ddof=1) / len(w) for w in windows]
        direct = (means[1] - means[0]) - (means[3] - means[2])
        assert abs(direct - estimate) <= 1e-9 * max(1.0, abs(direct)), (direct, estimate)
        assert abs(np.sqrt(sum(terms)) - se) <= 1e-9 * se, (np.sqrt(sum(terms)), se)
        df = sum(terms) ** 2 / sum(t ** 2 / (len(w) - 1) for t, w in zip(terms, windows))
        t = estimate / se
        confidence = [0.95, 0.9][i % 2]
        crit = stats.t.ppf(0.5 + confidence / 2, df)
        b = means[0]
        rest = means[1] - means[3] + means[2]
        se_rel = np.sqrt((terms[1] + terms[2] + terms[3]) / b ** 2 + rest ** 2 * terms[0] / b ** 4)
        rel = estimate / b
        out.append({"before": floats(before), "after": floats(after),
                    "before_ly": floats(before_ly), "after_ly": floats(after_ly),
                    "confidence": f(confidence),
                    "mean_before": f(means[0]), "mean_after": f(means[1]),
                    "mean_before_ly": f(means[2]), "mean_after_ly": f(means[3]),
                    "estimate": f(estimate), "se": f(se), "df": f(df), "t": f(t),
                    "p_value": f(2 * stats.t.sf(abs(t), df)),
                    "ci_low": f(estimate - crit * se), "ci_high": f(estimate + crit * se),
                    "relative": f(rel), "rel_ci_low": f(rel - crit * se_rel),
                    "rel_ci_high": f(rel + crit * se_rel)})
    return out


def main():
    power, sample_size, mde = power_cases()
    sections = {
        "normal": normal_cases(),
        "normal_quantile": normal_quantile_cases(),
        "incomplete_beta": incomplete_beta_cases(),
        "incomplete_gamma": incomplete_gamma_cases(),
        "student_t": student_t_cases(),
        "student_t_quantile": student_t_quantile_cases(),
        "chi_square": chi_square_cases(),
        "winsorize": winsorize_cases(),
        "welch": welch_cases(),
        "welch_summary": welch_summary_cases(),
        "welch_winsorized": welch_winsorized_cases(),
        "two_proportions": two_proportions_cases(),
        "wilson": wilson_cases(),
        "ratio_estimate": ratio_estimate_cases(),
        "ratio_test": ratio_test_cases(),
        "srm": srm_cases(),
        "power": power,
        "sample_size": sample_size,
        "mde": mde,
        "diff_in_diff": did_cases(),
    }
    for name, cases in sections.items():
        if len(cases) < 50:
            raise SystemExit(f"{name}: only {len(cases)} cases")
    # One case a line, so that a change in the generator reads as a diff.
    out = sys.stdout
    out.write("{\n")
    out.write(f'"generator": {json.dumps(f"tests/reference/make_stats_vectors.py, numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")},\n')
    for i, (name, cases) in enumerate(sections.items()):
        out.write(f'"{name}": [\n')
        out.write(",\n".join(json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases))
        out.write("\n]" + ("," if i < len(sections) - 1 else "") + "\n")
    out.write("}\n")


if __name__ == "__main__":
    main()
