"""Generate chat data with a teacher model (the sample repository of tests/test_scan_cli.py)."""

import json
import os
import random

from anthropic import Anthropic
from openai import OpenAI

ROUTER = "https://openrouter.ai/api/v1"
router = OpenAI(base_url=ROUTER, api_key=os.environ.get("OPENROUTER_API_KEY"))
claude = Anthropic()
TEACHER = os.environ.get("TEACHER_MODEL", "claude-3-5-sonnet-20240620")


def pick_model() -> str:
    return random.choice(json.load(open("models.json")))


def answer(prompt: str) -> str:
    reply = claude.messages.create(model=TEACHER, max_tokens=512, messages=[{"role": "user", "content": prompt}])
    return reply.content[0].text


def rewrite(text: str) -> str:
    out = router.chat.completions.create(
        model="openai/gpt-4o",
        messages=[{"role": "user", "content": f"Rewrite: {text}"}],
    )
    return out.choices[0].message.content


def judge(text: str) -> str:
    out = router.chat.completions.create(model=pick_model(), messages=[{"role": "user", "content": text}])
    return out.choices[0].message.content


if __name__ == "__main__":
    with open("data/chat.jsonl", "w") as f:
        for prompt in ["hello", "what is 2+2?"]:
            f.write(json.dumps({"prompt": prompt, "response": rewrite(answer(prompt)), "score": judge(prompt)}) + "\n")
