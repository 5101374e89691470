package com.example.chat;

import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat {"message": "..."}} answers {@code {"reply": "..."}}.
 */
@RestController
class ChatController {

	private final ChatService chat;

	ChatController(ChatService chat) {
		this.chat = chat;
	}

	@PostMapping("/chat")
	Map<String, String> chat(@RequestBody Map<String, String> request) {
		return Map.of("reply", this.chat.reply(request.getOrDefault("message", "")));
	}

}
