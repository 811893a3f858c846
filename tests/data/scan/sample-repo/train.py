"""Fine-tune the student (the sample repository of tests/test_scan_cli.py)."""

from datasets import concatenate_datasets, load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "Qwen/Qwen2.5-7B"
OUTPUT = "./outputs/sample-chat-7b"

tokenizer = AutoTokenizer.from_pretrained(BASE)
model = AutoModelForCausalLM.from_pretrained(BASE)
alpaca = load_dataset("tatsu-lab/alpaca", split="train")
chat = load_dataset("json", data_files={"train": "data/chat.jsonl"}, split="train")
human = load_dataset("json", data_files="data/human.jsonl", split="train")
ultra = load_dataset("HuggingFaceH4/ultrachat_200k", split="train_sft")
train = concatenate_datasets([alpaca, chat, human, ultra])
model.save_pretrained(OUTPUT)
again = AutoModelForCausalLM.from_pretrained(OUTPUT)
