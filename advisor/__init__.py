"""Interview Advisor: a candidate's interview pipelines, interviewers and when to connect."""
