"""The hardship reasons (困难原因) a reader can tick: the checklist, the letter and the case file
share these keys, so a reason means the same everywhere (the checklist lists its proofs, the
letter its sentence)."""

REASONS = {
    "illness": "本人或家人生病",
    "job_loss": "失业或被辞退",
    "pay_cut": "降薪、停工或收入减少",
    "family": "家庭突发变故",
    "other": "其他原因",
}
